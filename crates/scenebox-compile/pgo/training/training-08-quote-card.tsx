// scene: Minimal quote card with word-by-word fade
// exercises: window.Remotion (destructure inside component), interpolate(clamp), spring(config damping), split words, template literals, small scene
// component: Scene_8B30E5D1
const QUOTE_8B30E5D1 = "Simplicity is the ultimate sophistication.";
const AUTHOR_8B30E5D1 = "Leonardo da Vinci";

export default function Scene_8B30E5D1() {
  const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring } = window.Remotion;
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const words = QUOTE_8B30E5D1.split(" ");
  const bar = spring({ frame: frame - 5, fps, config: { damping: 20 } });
  const authorOpacity = interpolate(frame, [70, 90], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });

  return (
    <AbsoluteFill style={{ backgroundColor: "#FAF7F2", justifyContent: "center", alignItems: "center", padding: 160 }}>
      <div style={{ display: "flex", gap: 50, alignItems: "stretch" }}>
        <div style={{ width: 10, background: "#C2410C", borderRadius: 5, transform: `scaleY(${bar})`, transformOrigin: "top" }} />
        <div>
          <p style={{ fontSize: 88, lineHeight: 1.15, color: "#1C1917", margin: 0, fontFamily: "Georgia, serif" }}>
            {words.map((w, i) => {
              const o = interpolate(frame, [10 + i * 6, 22 + i * 6], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
              return (
                <span key={i} style={{ opacity: o, display: "inline-block", marginRight: 22, transform: `translateY(${(1 - o) * 16}px)` }}>
                  {w}
                </span>
              );
            })}
          </p>
          <div style={{ marginTop: 40, fontSize: 36, color: "#78716C", opacity: authorOpacity, letterSpacing: 2 }}>
            {`— ${AUTHOR_8B30E5D1.toUpperCase()}`}
          </div>
        </div>
      </div>
    </AbsoluteFill>
  );
}
