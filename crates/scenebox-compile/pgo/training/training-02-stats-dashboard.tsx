// scene: Quarterly analytics dashboard with KPI cards, bar chart, sparkline and donut
// exercises: import React, { useMemo } from react, import from remotion, lucide-react icons, window.HeroiconsOutline, interfaces, type alias, generics, as const, non-null !, counters, chart(bar, line, donut), SVG gradient + strokeDasharray, spring(delay), interpolate(clamp, extend, easing), Easing.bezier, helper-after-default, durationInFrames export
// component: Scene_D93C0B6E
import React, { useMemo } from 'react';
import { AbsoluteFill, Sequence, spring, interpolate, interpolateColors, useCurrentFrame, useVideoConfig, Easing, random } from 'remotion';
import { DollarSign, Users, Activity, ShoppingCart, ArrowUpRight, ArrowDownRight } from 'lucide-react';

type Trend = "up" | "down";

interface Kpi {
  id: string;
  label: string;
  value: number;
  prefix?: string;
  suffix?: string;
  delta: number;
  icon: React.ComponentType<{ size?: number; color?: string }>;
}

interface MonthBar { month: string; revenue: number; target: number }

const THEME_D93C0B6E = {
  bg: "#0B1220",
  panel: "#111A2E",
  border: "#1E2A44",
  text: "#E2E8F0",
  muted: "#64748B",
  good: "#22C55E",
  bad: "#EF4444",
  accent: "#38BDF8",
  accent2: "#A78BFA",
} as const;

const KPIS_D93C0B6E: Kpi[] = [
  { id: "rev", label: "Revenue", value: 482900, prefix: "$", delta: 12.4, icon: DollarSign },
  { id: "usr", label: "Users", value: 38120, delta: 8.1, icon: Users },
  { id: "conv", label: "Conversion", value: 3.8, suffix: "%", delta: -0.6, icon: Activity },
  { id: "ord", label: "Orders", value: 9254, delta: 4.9, icon: ShoppingCart },
];

const BARS_D93C0B6E: MonthBar[] = [
  { month: "Jan", revenue: 120, target: 110 },
  { month: "Feb", revenue: 138, target: 120 },
  { month: "Mar", revenue: 126, target: 130 },
  { month: "Apr", revenue: 164, target: 140 },
  { month: "May", revenue: 171, target: 150 },
];

const CHANNELS_D93C0B6E = [
  { name: "Organic", share: 0.48, color: "#38BDF8" },
  { name: "Paid", share: 0.33, color: "#A78BFA" },
  { name: "Referral", share: 0.19, color: "#F59E0B" },
] as const;

function maxBy<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((m, it) => Math.max(m, pick(it)), -Infinity);
}

const formatNumber = (n: number, decimals = 0): string => {
  const fixed = n.toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${withCommas}.${frac}` : withCommas;
};

const Panel: React.FC<{ title: string; style?: React.CSSProperties; children: React.ReactNode }> = ({ title, style, children }) => (
  <div
    style={{
      background: THEME_D93C0B6E.panel,
      border: `1px solid ${THEME_D93C0B6E.border}`,
      borderRadius: 28,
      padding: 32,
      display: "flex",
      flexDirection: "column",
      gap: 20,
      ...style,
    }}
  >
    <div style={{ color: THEME_D93C0B6E.muted, fontSize: 22 }}>{title.toUpperCase()}</div>
    {children}
  </div>
);

function KpiCard({ kpi, index }: { kpi: Kpi; index: number }) {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const enter = spring({ frame, fps, delay: 6 + index * 5, config: { damping: 15, mass: 0.9 } });
  const count = interpolate(frame, [10 + index * 5, 60 + index * 5], [0, kpi.value], {
    extrapolateLeft: "clamp",
    extrapolateRight: "clamp",
    easing: Easing.bezier(0.16, 1, 0.3, 1),
  });
  const trend: Trend = kpi.delta >= 0 ? "up" : "down";
  const TrendIcon = trend === "up" ? ArrowUpRight : ArrowDownRight;
  const Icon = kpi.icon;
  const decimals = Number.isInteger(kpi.value) ? 0 : 1;
  return (
    <Panel title={kpi.label} style={{ flex: 1, opacity: enter, transform: `translateY(${(1 - enter) * 50}px)` }}>
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <span style={{ color: THEME_D93C0B6E.text, fontSize: 58, fontWeight: 700 }}>
          {`${kpi.prefix ?? ""}${formatNumber(count, decimals)}${kpi.suffix ?? ""}`}
        </span>
        <Icon size={40} color={THEME_D93C0B6E.accent} />
      </div>
      <div style={{ display: "flex", alignItems: "center", gap: 8, color: trend === "up" ? THEME_D93C0B6E.good : THEME_D93C0B6E.bad, fontSize: 24 }}>
        <TrendIcon size={24} />
        {`${kpi.delta > 0 ? "+" : ""}${kpi.delta.toFixed(1)}%`}
      </div>
    </Panel>
  );
}

const BarChart = ({ data }: { data: MonthBar[] }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const max = maxBy(data, (d) => Math.max(d.revenue, d.target));
  const chartH = 300;
  return (
    <div style={{ display: "flex", alignItems: "flex-end", gap: 36, height: chartH + 40 }}>
      {data.map((d, i) => {
        const grow = spring({ frame, fps, delay: 30 + i * 4, config: { damping: 18, stiffness: 90 } });
        const h = (d.revenue / max) * chartH * grow;
        const targetY = (d.target / max) * chartH;
        const hit = d.revenue >= d.target;
        const fill = interpolateColors(grow, [0, 1], ["#1E293B", hit ? THEME_D93C0B6E.accent : THEME_D93C0B6E.accent2]);
        return (
          <div key={d.month} style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: 10 }}>
            <div style={{ position: "relative", width: 64, height: chartH }}>
              <div style={{ position: "absolute", bottom: 0, width: "100%", height: h, borderRadius: "12px 12px 4px 4px", background: fill }} />
              <div style={{ position: "absolute", bottom: targetY, left: -6, right: -6, borderTop: "3px dashed #94A3B8", opacity: grow }} />
            </div>
            <span style={{ color: THEME_D93C0B6E.muted, fontSize: 22 }}>{d.month}</span>
          </div>
        );
      })}
    </div>
  );
};

function Sparkline({ seed, width = 560, height = 180 }: { seed: string; width?: number; height?: number }) {
  const frame = useCurrentFrame();
  const points = useMemo(() => {
    const pts: Array<[number, number]> = [];
    let y = 0.5;
    for (let i = 0; i < 24; i++) {
      y = Math.min(0.95, Math.max(0.05, y + (random(`${seed}-${i}`) - 0.42) * 0.2));
      pts.push([(i / 23) * width, height - y * height]);
    }
    return pts;
  }, [seed, width, height]);
  const d = points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  const length = 1400;
  const draw = interpolate(frame, [40, 100], [length, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.inOut(Easing.quad) });
  const last = points[points.length - 1]!;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <defs>
        <linearGradient id={`spark-${seed}`} x1="0" y1="0" x2="1" y2="0">
          <stop offset="0%" stopColor={THEME_D93C0B6E.accent2} />
          <stop offset="100%" stopColor={THEME_D93C0B6E.accent} />
        </linearGradient>
      </defs>
      <path d={d} fill="none" stroke={`url(#spark-${seed})`} strokeWidth={4} strokeDasharray={length} strokeDashoffset={draw} strokeLinecap="round" />
      <circle cx={last[0]} cy={last[1]} r={draw < 10 ? 9 : 0} fill="white" />
    </svg>
  );
}

const Donut = () => {
  const frame = useCurrentFrame();
  const r = 110;
  const c = 2 * Math.PI * r;
  const sweep = interpolate(frame, [50, 110], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.out(Easing.cubic) });
  let offset = 0;
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 40 }}>
      <svg width={280} height={280} viewBox="0 0 280 280" style={{ transform: "rotate(-90deg)" }}>
        {CHANNELS_D93C0B6E.map((ch) => {
          const len = ch.share * c * sweep;
          const el = (
            <circle key={ch.name} cx={140} cy={140} r={r} fill="none" stroke={ch.color} strokeWidth={36} strokeDasharray={`${len} ${c}`} strokeDashoffset={-offset} />
          );
          offset += ch.share * c * sweep;
          return el;
        })}
      </svg>
      <div style={{ display: "flex", flexDirection: "column", gap: 14, color: THEME_D93C0B6E.text, fontSize: 24 }}>
        {CHANNELS_D93C0B6E.map((ch) => (
          <div key={ch.name} style={{ borderLeft: `8px solid ${ch.color}`, paddingLeft: 12 }}>{`${ch.name} ${Math.round(ch.share * 100 * sweep)}%`}</div>
        ))}
      </div>
    </div>
  );
};

export default function Scene_D93C0B6E() {
  const frame = useCurrentFrame();
  const header = interpolate(frame, [0, 15], [0, 1], { extrapolateRight: "clamp" });
  const drift = interpolate(frame, [0, 150], [0, -12], { extrapolateRight: "extend" });
  const ChartBarIcon = window.HeroiconsOutline.ChartBarIcon;

  return (
    <AbsoluteFill style={{ backgroundColor: THEME_D93C0B6E.bg, padding: 70, gap: 30 }}>
      <div style={{ display: "flex", alignItems: "center", gap: 18, opacity: header, transform: `translateY(${drift}px)` }}>
        <ChartBarIcon style={{ width: 48, height: 48, color: THEME_D93C0B6E.accent }} />
        <h1 style={{ margin: 0, color: THEME_D93C0B6E.text, fontSize: 52 }}>Q2 Performance</h1>
      </div>
      <div style={{ display: "flex", gap: 26 }}>
        {KPIS_D93C0B6E.map((k, i) => (
          <KpiCard key={k.id} kpi={k} index={i} />
        ))}
      </div>
      <div style={{ display: "flex", gap: 26, flex: 1 }}>
        <Panel title="Revenue vs target ($k)" style={{ flex: 1.3 }}>
          <BarChart data={BARS_D93C0B6E} />
        </Panel>
        <div style={{ display: "flex", flexDirection: "column", gap: 26, flex: 1 }}>
          <Sequence from={35} layout="none">
            <Panel title="Daily sessions">
              <Sparkline seed="sessions" />
            </Panel>
          </Sequence>
          <Panel title="Traffic channels">
            <Donut />
          </Panel>
        </div>
      </div>
      <Footer />
    </AbsoluteFill>
  );
}

const Footer = () => <div style={{ color: THEME_D93C0B6E.muted, fontSize: 20 }}>Source: BI</div>;

export const durationInFrames_D93C0B6E = 150;
