// scene: Breaking-news lower third with a scrolling ticker and live clock
// exercises: window.Remotion (member access without destructuring), interpolate(clamp, extend), spring(config damping), string repeat/join, template literals, padStart, Math.floor, wrap-around scroll by modulo, small helpers
// component: Scene_6D27C9E1
const HEADLINES_6D27C9E1 = [
  "Markets rally as inflation cools to 2.4%",
  "City council approves new bike lanes downtown",
  "Storm warning lifted for the northern coast",
  "Local team clinches playoff spot in overtime",
];

const TICKER_TEXT_6D27C9E1 = HEADLINES_6D27C9E1.map((h) => h.toUpperCase()).join("   •   ") + "   •   ";

export default function Scene_6D27C9E1() {
  const frame = window.Remotion.useCurrentFrame();
  const { fps } = window.Remotion.useVideoConfig();
  const barIn = window.Remotion.spring({ frame, fps, config: { damping: 20 } });
  const labelW = window.Remotion.interpolate(frame, [5, 20], [0, 360], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const charW = 19;
  const loopW = TICKER_TEXT_6D27C9E1.length * charW;
  const offset = (frame * 6) % loopW;
  const seconds = 14 * 3600 + 32 * 60 + Math.floor(frame / fps);
  const clock = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, "0")).join(":");
  const flash = Math.floor(frame / 10) % 2 === 0;

  return (
    <window.Remotion.AbsoluteFill style={{ background: "linear-gradient(180deg, #334155 0%, #0F172A 100%)" }}>
      <div style={{ position: "absolute", bottom: 80, left: 0, right: 0, transform: `translateY(${(1 - barIn) * 300}px)` }}>
        <div style={{ display: "flex", alignItems: "stretch", height: 120 }}>
          <div style={{ width: labelW, overflow: "hidden", background: "#DC2626", color: "white", fontSize: 46, fontWeight: 900, display: "flex", alignItems: "center", whiteSpace: "nowrap", paddingLeft: labelW > 40 ? 40 : 0 }}>
            BREAKING
          </div>
          <div style={{ flex: 1, background: "white", display: "flex", alignItems: "center", paddingLeft: 40, fontSize: 52, fontWeight: 700, color: "#0F172A" }}>
            {HEADLINES_6D27C9E1[Math.floor(frame / 75) % HEADLINES_6D27C9E1.length]}
          </div>
          <div style={{ width: 240, background: "#0F172A", color: "white", fontSize: 40, display: "flex", alignItems: "center", justifyContent: "center", fontVariantNumeric: "tabular-nums" }}>
            <span style={{ color: flash ? "#EF4444" : "transparent", marginRight: 10 }}>●</span>
            {clock}
          </div>
        </div>
        <div style={{ height: 64, background: "#1E3A8A", overflow: "hidden", position: "relative" }}>
          <div style={{ position: "absolute", left: -offset, top: 12, whiteSpace: "nowrap", color: "#E0E7FF", fontSize: 32, fontFamily: "monospace" }}>
            {TICKER_TEXT_6D27C9E1.repeat(3)}
          </div>
        </div>
      </div>
    </window.Remotion.AbsoluteFill>
  );
}
