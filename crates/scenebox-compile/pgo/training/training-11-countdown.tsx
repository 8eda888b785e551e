// scene: New-year style 3-2-1 countdown built with React.createElement (no export)
// exercises: no-export single top-level component, React.createElement by hand, free React identifier, window.Remotion (destructure inside component), spring(config stiffness), interpolate(clamp), Easing.in(Easing.exp), var and function expressions, lowercase helpers
// component: CountdownScene
var COUNT_FROM = 3;
var SLOT = 30;

function ringPath(progress) {
  var r = 260;
  var angle = progress * 2 * Math.PI - Math.PI / 2;
  var x = 300 + r * Math.cos(angle);
  var y = 300 + r * Math.sin(angle);
  var large = progress > 0.5 ? 1 : 0;
  return "M 300 40 A " + r + " " + r + " 0 " + large + " 1 " + x.toFixed(2) + " " + y.toFixed(2);
}

function CountdownScene() {
  var R = window.Remotion;
  var AbsoluteFill = R.AbsoluteFill;
  var frame = R.useCurrentFrame();
  var fps = R.useVideoConfig().fps;
  var index = Math.floor(frame / SLOT);
  var local = frame % SLOT;
  var value = COUNT_FROM - index;
  var done = value <= 0;
  var pop = R.spring({ frame: local, fps: fps, config: { stiffness: 220, damping: 12 } });
  var fade = R.interpolate(local, [SLOT - 8, SLOT], [1, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: R.Easing.in(R.Easing.exp) });
  var ring = Math.min(local / SLOT, 0.9999);

  var number = React.createElement(
    "div",
    {
      style: {
        fontSize: done ? 200 : 360,
        fontWeight: 900,
        color: "white",
        transform: "scale(" + pop + ")",
        opacity: done ? 1 : fade,
        textShadow: "0 0 60px rgba(255,255,255,0.5)",
      },
    },
    done ? "GO!" : String(value)
  );

  var svg = done
    ? null
    : React.createElement(
        "svg",
        { width: 600, height: 600, style: { position: "absolute" } },
        React.createElement("circle", { cx: 300, cy: 300, r: 260, fill: "none", stroke: "rgba(255,255,255,0.12)", strokeWidth: 18 }),
        React.createElement("path", { d: ringPath(ring), fill: "none", stroke: "#F472B6", strokeWidth: 18, strokeLinecap: "round" })
      );

  return React.createElement(
    AbsoluteFill,
    { style: { background: done ? "#DB2777" : "#111827", justifyContent: "center", alignItems: "center" } },
    React.createElement("div", { style: { position: "relative", width: 600, height: 600, display: "flex", justifyContent: "center", alignItems: "center" } }, svg, number),
    React.createElement("div", { style: { position: "absolute", bottom: 90, color: "rgba(255,255,255,0.6)", fontSize: 40, letterSpacing: 8 } }, "LIVE STREAM STARTS")
  );
}
