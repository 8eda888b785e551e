const { AbsoluteFill, delayRender, continueRender, useCurrentFrame } = Remotion;
const React = Extras.React;
function Scene() {
  const frame = useCurrentFrame();
  const [data, setData] = React.useState(null);
  const [handle] = React.useState(() => delayRender('Loading data'));
  React.useEffect(() => {
    const id = setTimeout(() => {
      setData({ items: ['a', 'b', 'c'] });
      continueRender(handle);
    }, 100);
    return () => clearTimeout(id);
  }, [handle]);
  // A second, promise-based delayRender per frame.
  const [label, setLabel] = React.useState('pending');
  React.useEffect(() => {
    const h = delayRender('promise ' + frame);
    Promise.resolve()
      .then(() => new Promise((r) => setTimeout(r, 50)))
      .then(() => {
        setLabel('resolved ' + frame);
        continueRender(h);
      });
  }, [frame]);
  return React.createElement(AbsoluteFill, null, data ? data.items.join(',') : 'loading', ' | ', label);
}
return Scene;
