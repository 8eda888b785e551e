// scene: Weekly sales leaderboard with rows reordering and animated scores
// exercises: window.Remotion (top-level destructure), window.HeroiconsSolid.TrophyIcon, interpolate(clamp) for row positions, spring(config damping), sort on a copy with spread, destructuring with defaults, typed props, template literals, helper-before-default, durationInFrames export
// component: Scene_5E0D2B93
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring } = window.Remotion;

const PLAYERS_5E0D2B93 = [
  { name: "Priya", start: 42, end: 88, color: "#F43F5E" },
  { name: "Marcus", start: 71, end: 79, color: "#3B82F6" },
  { name: "Ana", start: 55, end: 95, color: "#10B981" },
  { name: "Kenji", start: 80, end: 84, color: "#F59E0B" },
];

const ROW_H_5E0D2B93 = 128;

const rankOf = (key: "start" | "end") =>
  [...PLAYERS_5E0D2B93].sort((a, b) => b[key] - a[key]).map((p) => p.name);

const Row = ({ name, score, color, y, rank, highlight = false }: { name: string; score: number; color: string; y: number; rank: number; highlight?: boolean }) => (
  <div
    style={{
      position: "absolute",
      top: y,
      left: 0,
      right: 0,
      height: ROW_H_5E0D2B93 - 20,
      display: "flex",
      alignItems: "center",
      gap: 30,
      padding: "0 40px",
      borderRadius: 24,
      background: highlight ? "rgba(250,204,21,0.15)" : "rgba(255,255,255,0.05)",
    }}
  >
    <span style={{ width: 60, fontSize: 44, fontWeight: 800, color: "#94A3B8" }}>{`#${rank}`}</span>
    <span style={{ flex: 1, fontSize: 42, color: "white" }}>{name}</span>
    <div style={{ width: 520, height: 20, borderRadius: 10, background: "rgba(255,255,255,0.08)", overflow: "hidden" }}>
      <div style={{ width: `${score}%`, height: "100%", background: color }} />
    </div>
    <span style={{ width: 110, textAlign: "right", fontSize: 44, fontWeight: 700, color: "white" }}>{Math.round(score)}</span>
  </div>
);

export default function Scene_5E0D2B93() {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const t = interpolate(frame, [20, 100], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const before = rankOf("start");
  const after = rankOf("end");
  const swap = spring({ frame: frame - 60, fps, config: { damping: 18 } });
  const Trophy = window.HeroiconsSolid.TrophyIcon;
  const leader = after[0];

  return (
    <AbsoluteFill style={{ backgroundColor: "#0F172A", padding: "80px 200px" }}>
      <div style={{ display: "flex", alignItems: "center", gap: 24, marginBottom: 50 }}>
        <Trophy style={{ width: 72, height: 72, color: "#FACC15" }} />
        <h1 style={{ color: "white", fontSize: 70, margin: 0 }}>Top sellers this week</h1>
      </div>
      <div style={{ position: "relative", flex: 1 }}>
        {PLAYERS_5E0D2B93.map((p) => {
          const from = before.indexOf(p.name);
          const to = after.indexOf(p.name);
          const pos = from + (to - from) * swap;
          const score = p.start + (p.end - p.start) * t;
          return <Row key={p.name} name={p.name} score={score} color={p.color} y={pos * ROW_H_5E0D2B93} rank={Math.round(pos) + 1} highlight={swap > 0.9 && p.name === leader} />;
        })}
      </div>
    </AbsoluteFill>
  );
}

export const durationInFrames_5E0D2B93 = 120;
