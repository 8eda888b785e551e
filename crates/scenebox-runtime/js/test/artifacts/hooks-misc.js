const { AbsoluteFill, Loop, Freeze, useCurrentFrame, useDelayRender, getInputProps, getRemotionEnvironment } = Remotion;
const React = Extras.React;
function Frame({ tag }) {
  return React.createElement('span', { 'data-tag': tag }, String(useCurrentFrame()));
}
function Loader() {
  const { delayRender, continueRender } = useDelayRender();
  const [done, setDone] = React.useState(false);
  React.useEffect(() => {
    const h = delayRender('hook');
    const id = setTimeout(() => {
      setDone(true);
      continueRender(h);
    }, 500);
    return () => clearTimeout(id);
  }, []);
  return React.createElement('b', null, done ? 'hook-done' : 'hook-waiting');
}
function Scene() {
  const env = getRemotionEnvironment();
  return React.createElement(
    AbsoluteFill,
    null,
    React.createElement(Loop, { durationInFrames: 20 }, React.createElement(Frame, { tag: 'loop' })),
    React.createElement(Freeze, { frame: 5 }, React.createElement(Frame, { tag: 'freeze' })),
    React.createElement(Loader),
    React.createElement('i', null, JSON.stringify(getInputProps()), ' rendering=', String(env.isRendering)),
  );
}
return Scene;
