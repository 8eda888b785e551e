// scene: Celebration emoji rain built with React.createElement (no export)
// exercises: no-export single top-level component, React.createElement by hand, window.React.createElement alias, window.Remotion (destructure inside component), random('seed'), interpolate(clamp, extend), Easing.in(Easing.quad), const arrow helpers, array loop
// component: EmojiRain
const EMOJI = ["🎉", "🥳", "✨", "🎈", "💜", "🔥", "⭐", "🍾"];
const h = window.React.createElement;

const dropFor = (i, width) => {
  const { random } = window.Remotion;
  return {
    x: random("emoji-x-" + i) * width,
    delay: Math.floor(random("emoji-d-" + i) * 90),
    size: 50 + Math.floor(random("emoji-s-" + i) * 70),
    spin: (random("emoji-r-" + i) - 0.5) * 12,
    char: EMOJI[i % EMOJI.length],
  };
};

function EmojiRain() {
  const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, Easing } = window.Remotion;
  const frame = useCurrentFrame();
  const { width, height } = useVideoConfig();
  const drops = [];
  for (let i = 0; i < 60; i++) drops.push(dropFor(i, width));
  const titleScale = interpolate(frame, [0, 20], [0.6, 1], { extrapolateRight: "clamp" });

  return h(
    AbsoluteFill,
    { style: { background: "linear-gradient(160deg, #4C1D95, #BE185D)", overflow: "hidden" } },
    drops.map((d, i) => {
      const t = frame - d.delay;
      const y = interpolate(t, [0, 60], [-150, height], { extrapolateLeft: "clamp", extrapolateRight: "extend", easing: Easing.in(Easing.quad) });
      return h(
        "div",
        {
          key: i,
          style: { position: "absolute", left: d.x, top: y, fontSize: d.size, transform: "rotate(" + t * d.spin + "deg)" },
        },
        d.char
      );
    }),
    React.createElement(
      AbsoluteFill,
      { style: { justifyContent: "center", alignItems: "center" } },
      React.createElement("div", { style: { fontSize: 150, fontWeight: 900, color: "white", transform: "scale(" + titleScale + ")", textShadow: "0 10px 40px rgba(0,0,0,0.35)" } }, "10K FOLLOWERS!")
    )
  );
}
