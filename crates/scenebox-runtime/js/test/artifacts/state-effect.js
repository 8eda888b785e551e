const { AbsoluteFill, useCurrentFrame } = Remotion;
const React = Extras.React;
const { useState, useEffect, useLayoutEffect } = React;
function Scene() {
  const frame = useCurrentFrame();
  const [mounted, setMounted] = useState('no');
  const [seen, setSeen] = useState(-1);
  const [layout, setLayout] = useState('before');
  useEffect(() => {
    setMounted('yes');
  }, []);
  useEffect(() => {
    setSeen(frame);
  }, [frame]);
  useLayoutEffect(() => {
    setLayout('after');
  }, []);
  return React.createElement(AbsoluteFill, null, `mounted=${mounted} seen=${seen} layout=${layout}`);
}
return Scene;
