const R = Remotion;
const React = Extras.React;
function Scene() {
  const scale = R.useCurrentScale();
  const density = R.usePixelDensity();
  const f = R.useCurrentFrame();
  const c = R.interpolateColors(f, [0, 30], ['red', 'blue']);
  const e = R.interpolate(f, [0, 30], [0, 1], { easing: R.Easing.bezier(0.3, 0, 0.3, 1), extrapolateRight: 'clamp' });
  const ms = R.measureSpring({ fps: 30, config: { damping: 10 } });
  return React.createElement(
    R.AbsoluteFill,
    null,
    React.createElement(R.Solid, { color: c, width: 100, height: 100 }),
    React.createElement(R.IFrame, { src: 'https://example.com', style: { width: 300 } }),
    React.createElement(R.AnimatedImage, { src: R.staticFile('anim.gif'), width: 50, height: 50 }),
    React.createElement('p', null, [scale, density, c, e.toFixed(3), ms].join(' ')),
  );
}
return Scene;
