// Phase 1 artifact as the browser app wrote scenes: its own top-level `const React = window.React;`,
// free `Remotion`/`LucideIcons` and `window.window` resolve through the window context extension.
const React = window.React;
const { useCurrentFrame } = Remotion;
const { Rocket } = LucideIcons;
const sameWindow = window.window === window && window.window.window === window;
function Scene() {
  const frame = useCurrentFrame();
  return React.createElement(
    'div',
    { id: 'w' },
    `frame ${frame} same=${sameWindow} self=${typeof self} gt=${typeof globalThis.window} host=${typeof ReactDOM.createPortal}`,
    React.createElement(Rocket, { size: 10 }),
  );
}
return Scene;
