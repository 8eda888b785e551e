const { AbsoluteFill, Audio, Sequence, Video, OffthreadVideo, staticFile, interpolate } = Remotion;
const React = Extras.React;
function Scene() {
  return React.createElement(
    AbsoluteFill,
    null,
    React.createElement(Audio, { src: staticFile('music.mp3'), volume: 0.5, loop: true }),
    React.createElement(
      Sequence,
      { from: 30, durationInFrames: 90 },
      React.createElement(Audio, {
        src: 'https://cdn.example.com/voice.mp3',
        startFrom: 15,
        volume: (f) => interpolate(f, [0, 20], [0, 1], { extrapolateRight: 'clamp' }),
      }),
      React.createElement(Video, { src: staticFile('clip.mp4'), muted: true, playbackRate: 2, style: { width: 640 } }),
    ),
    React.createElement(Sequence, { from: 60 }, React.createElement(OffthreadVideo, { src: staticFile('b-roll.mp4'), trimBefore: 10, trimAfter: 100 })),
  );
}
return Scene;
