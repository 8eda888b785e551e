// scene: Company history timeline with milestones sliding in along a horizontal rail
// exercises: import from remotion, Sequence(from, layout="none"), spring(delay, config mass/damping), interpolate(clamp, easing), Easing.out(Easing.back(1.4)), interface, readonly array, helper-before-default, export default at end
// component: HistoryTimeline
import { AbsoluteFill, Sequence, spring, interpolate, useCurrentFrame, useVideoConfig, Easing } from 'remotion';

interface Milestone {
  readonly year: number;
  readonly title: string;
  readonly color: string;
}

const MILESTONES: readonly Milestone[] = [
  { year: 2016, title: "Founded in a garage", color: "#F97316" },
  { year: 2018, title: "First 1,000 customers", color: "#EAB308" },
  { year: 2020, title: "Series A", color: "#22C55E" },
  { year: 2022, title: "Offices in 4 countries", color: "#06B6D4" },
  { year: 2024, title: "1M users", color: "#8B5CF6" },
];

const SPACING = 340;

function MilestoneCard({ m, index }: { m: Milestone; index: number }) {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const dot = spring({ frame, fps, config: { mass: 0.6, damping: 10 } });
  const card = spring({ frame, fps, delay: 6, config: { damping: 16 } });
  const above = index % 2 === 0;
  return (
    <div style={{ position: "absolute", left: 190 + index * SPACING, top: 540, width: 0, height: 0 }}>
      <div style={{ position: "absolute", left: -22, top: -22, width: 44, height: 44, borderRadius: 22, background: m.color, border: "6px solid #0F172A", transform: `scale(${dot})` }} />
      <div
        style={{
          position: "absolute",
          left: -140,
          top: above ? -250 : 60,
          width: 280,
          padding: 24,
          borderRadius: 20,
          background: "#1E293B",
          borderTop: `6px solid ${m.color}`,
          opacity: card,
          transform: `translateY(${(above ? 40 : -40) * (1 - card)}px)`,
        }}
      >
        <div style={{ fontSize: 52, fontWeight: 800, color: m.color }}>{m.year}</div>
        <div style={{ fontSize: 28, color: "#E2E8F0", marginTop: 8 }}>{m.title}</div>
      </div>
    </div>
  );
}

function HistoryTimeline() {
  const frame = useCurrentFrame();
  const rail = interpolate(frame, [0, 110], [0, 1], { extrapolateRight: "clamp", easing: Easing.out(Easing.back(1.4)) });
  const title = interpolate(frame, [0, 20], [0, 1], { extrapolateRight: "clamp" });
  return (
    <AbsoluteFill style={{ backgroundColor: "#0F172A" }}>
      <h2 style={{ position: "absolute", top: 70, width: "100%", textAlign: "center", color: "white", fontSize: 72, margin: 0, opacity: title }}>Our journey</h2>
      <div style={{ position: "absolute", left: 120, top: 536, height: 8, borderRadius: 4, width: 1680 * Math.min(rail, 1), background: "linear-gradient(90deg, #F97316, #8B5CF6)" }} />
      {MILESTONES.map((m, i) => (
        <Sequence key={m.year} from={10 + i * 20} layout="none">
          <MilestoneCard m={m} index={i} />
        </Sequence>
      ))}
    </AbsoluteFill>
  );
}

export default HistoryTimeline;
