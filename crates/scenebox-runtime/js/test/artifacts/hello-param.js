const { AbsoluteFill, useCurrentFrame, interpolate } = Remotion;
const React = Extras.React;
function Scene() {
  const f = useCurrentFrame();
  return React.createElement(AbsoluteFill, { style: { opacity: interpolate(f, [0, 30], [0, 1], { extrapolateRight: 'clamp' }) } }, 'Hello');
}
return Scene;
