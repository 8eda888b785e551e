const { AbsoluteFill, Sequence, Series, spring, useCurrentFrame, useVideoConfig } = Remotion;
const React = Extras.React;
function Pop({ label }) {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const scale = spring({ frame, fps, config: { damping: 200 } });
  return React.createElement('div', { id: label, style: { transform: `scale(${scale.toFixed(4)})`, width: 100 } }, label, ':', frame);
}
function Scene() {
  return React.createElement(
    AbsoluteFill,
    null,
    React.createElement(Sequence, { from: 30, durationInFrames: 60, name: 'pop' }, React.createElement(Pop, { label: 'seq' })),
    React.createElement(
      Series,
      null,
      React.createElement(Series.Sequence, { durationInFrames: 20 }, React.createElement('b', null, 'first')),
      React.createElement(Series.Sequence, { durationInFrames: 200 }, React.createElement('b', null, 'second')),
    ),
  );
}
return Scene;
