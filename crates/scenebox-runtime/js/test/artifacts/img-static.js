const { AbsoluteFill, Img, staticFile } = Remotion;
const React = Extras.React;
function Scene() {
  const ref = React.useRef(null);
  React.useEffect(() => {
    if (ref.current) ref.current.title = 'assigned-by-ref';
  }, []);
  return React.createElement(
    AbsoluteFill,
    null,
    React.createElement(Img, { src: staticFile('logo.png'), style: { width: 200, height: 100, objectFit: 'cover' }, alt: 'logo' }),
    React.createElement('img', { ref, src: 'https://example.com/x.png', style: { width: 10 } }),
  );
}
return Scene;
