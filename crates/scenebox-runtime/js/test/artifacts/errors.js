// Error paths selected by props.mode: effect | timer | cancel | img-no-src | promise
const { AbsoluteFill, Img, cancelRender, delayRender, continueRender } = Remotion;
const React = Extras.React;
function Scene({ mode }) {
  React.useEffect(() => {
    if (mode === 'effect') throw new Error('effect failed');
    if (mode === 'timer') {
      const h = delayRender('timer');
      setTimeout(() => {
        throw new Error('timer callback failed');
      }, 10);
      void h;
    }
    if (mode === 'promise') {
      Promise.reject(new Error('ignored rejection'));
    }
  }, [mode]);
  if (mode === 'cancel') cancelRender(new Error('cancelled by scene'));
  if (mode === 'img-no-src') return React.createElement(Img, {});
  return React.createElement(AbsoluteFill, null, 'mode ', mode);
}
return Scene;
