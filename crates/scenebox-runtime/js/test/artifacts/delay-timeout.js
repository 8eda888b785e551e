const { AbsoluteFill, delayRender } = Remotion;
const React = Extras.React;
function Scene() {
  React.useEffect(() => {
    delayRender('never cleared');
  }, []);
  return React.createElement(AbsoluteFill, null, 'waiting');
}
return Scene;
