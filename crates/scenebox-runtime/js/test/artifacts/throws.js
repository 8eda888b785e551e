const { AbsoluteFill, useCurrentFrame } = Remotion;
const React = Extras.React;
function Broken() {
  const frame = useCurrentFrame();
  if (frame >= 10) throw new Error('scene exploded at frame ' + frame);
  return React.createElement('div', null, 'ok');
}
function Scene() {
  return React.createElement(AbsoluteFill, null, React.createElement(Broken));
}
return Scene;
