const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate } = window.Remotion;
function Scene({ title }) {
  const f = useCurrentFrame();
  const { width, height, fps, durationInFrames } = useVideoConfig();
  return React.createElement(
    AbsoluteFill,
    { style: { opacity: interpolate(f, [0, 30], [0, 1], { extrapolateRight: 'clamp' }), backgroundColor: '#111' } },
    React.createElement('h1', { className: 'title', style: { fontSize: 80, color: 'white' } }, title || 'Hello', ' ', 'phase1'),
    React.createElement('p', { 'data-config': `${width}x${height}@${fps}/${durationInFrames}` }, 'frame ', f),
    React.createElement('span', { onClick: () => {}, hidden: false, tabIndex: 0, data: { a: 1, skip: undefined } }, window.ReactDOM.version),
  );
}
return Scene;
