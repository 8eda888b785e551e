const { AbsoluteFill, random } = Remotion;
const React = Extras.React;
const atLoad = Math.random();
function Scene() {
  const [r] = React.useState(() => Math.random());
  return React.createElement(
    AbsoluteFill,
    null,
    React.createElement('i', { id: 'load' }, String(atLoad)),
    React.createElement('i', { id: 'state' }, String(r)),
    React.createElement('i', { id: 'date' }, new Date().toISOString(), ' ', String(Date.now()), ' ', String(performance.now())),
    React.createElement('i', { id: 'remotion-random' }, String(random('seed-1'))),
    React.createElement('i', { id: 'local' }, new Date().getHours() + ':' + new Date().getTimezoneOffset()),
  );
}
return Scene;
