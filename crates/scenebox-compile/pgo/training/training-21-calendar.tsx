// scene: Monthly content calendar with scheduled posts dropping onto days
// exercises: import from remotion, import { useMemo } from react, window.IconifyIcon, Date arithmetic (fixed UTC date), grid of 42 cells, spring(delay, config damping), interpolate(clamp), interpolateColors, type alias, Map lookup, optional chaining, template literals, helper-before-default, _ID constants
// component: Scene_54B1F8C6
import { useMemo } from 'react';
import { AbsoluteFill, spring, interpolate, interpolateColors, useCurrentFrame, useVideoConfig } from 'remotion';

type Post = { day: number; label: string; icon: string; color: string };

const YEAR_54B1F8C6 = 2025;
const MONTH_54B1F8C6 = 8; // September (0-based)
const WEEKDAYS_54B1F8C6 = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const POSTS_54B1F8C6: Post[] = [
  { day: 2, label: "Teaser", icon: "mdi:instagram", color: "#E1306C" },
  { day: 5, label: "Blog", icon: "mdi:post-outline", color: "#0EA5E9" },
  { day: 11, label: "Launch", icon: "mdi:rocket-launch", color: "#8B5CF6" },
  { day: 16, label: "Webinar", icon: "mdi:video", color: "#F59E0B" },
  { day: 23, label: "Newsletter", icon: "mdi:email-fast", color: "#10B981" },
  { day: 29, label: "Recap", icon: "mdi:chart-box", color: "#EF4444" },
];

const DayCell = ({ day, post, index, today }: { day: number | null; post?: Post; index: number; today: boolean }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const cellIn = interpolate(frame, [index * 0.6, index * 0.6 + 10], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const drop = spring({ frame, fps, delay: 40 + (post?.day ?? 0) * 2, config: { damping: 11 } });
  return (
    <div style={{ width: 220, height: 130, borderRadius: 18, padding: 14, boxSizing: "border-box", background: day === null ? "transparent" : today ? "#EEF2FF" : "white", border: today ? "3px solid #6366F1" : "1px solid #E5E7EB", opacity: cellIn, position: "relative" }}>
      {day !== null && <span style={{ fontSize: 26, fontWeight: 600, color: today ? "#4338CA" : "#374151" }}>{day}</span>}
      {post ? (
        <div style={{ position: "absolute", left: 12, right: 12, bottom: 12, padding: "8px 12px", borderRadius: 12, background: post.color, color: "white", fontSize: 22, fontWeight: 700, display: "flex", alignItems: "center", gap: 8, transform: `translateY(${(1 - drop) * -120}px)`, opacity: drop }}>
          <window.IconifyIcon icon={post.icon} style={{ fontSize: 24 }} />
          {post.label}
        </div>
      ) : null}
    </div>
  );
};

export default function Scene_54B1F8C6() {
  const frame = useCurrentFrame();
  const cells = useMemo(() => {
    const first = new Date(Date.UTC(YEAR_54B1F8C6, MONTH_54B1F8C6, 1));
    const offset = (first.getUTCDay() + 6) % 7;
    const days = new Date(Date.UTC(YEAR_54B1F8C6, MONTH_54B1F8C6 + 1, 0)).getUTCDate();
    return Array.from({ length: 42 }, (_, i) => {
      const d = i - offset + 1;
      return d >= 1 && d <= days ? d : null;
    });
  }, []);
  const byDay = useMemo(() => new Map(POSTS_54B1F8C6.map((p) => [p.day, p] as const)), []);
  const today = Math.min(30, 1 + Math.floor(frame / 5));
  const header = interpolateColors(frame, [0, 120], ["#111827", "#4338CA"]);

  return (
    <AbsoluteFill style={{ backgroundColor: "#F3F4F6", alignItems: "center", justifyContent: "center" }}>
      <div style={{ display: "flex", alignItems: "baseline", gap: 20, width: 1610, marginBottom: 24 }}>
        <h1 style={{ fontSize: 68, margin: 0, color: header }}>September {YEAR_54B1F8C6}</h1>
        <span style={{ fontSize: 30, color: "#6B7280" }}>{`${POSTS_54B1F8C6.length} posts scheduled`}</span>
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(7, 220px)", gap: 10 }}>
        {WEEKDAYS_54B1F8C6.map((w) => (
          <div key={w} style={{ textAlign: "center", fontSize: 24, fontWeight: 700, color: "#9CA3AF", paddingBottom: 6 }}>{w}</div>
        ))}
        {cells.map((d, i) => (
          <DayCell key={i} day={d} index={i} post={d === null ? undefined : byDay.get(d)} today={d === today} />
        ))}
      </div>
    </AbsoluteFill>
  );
}
