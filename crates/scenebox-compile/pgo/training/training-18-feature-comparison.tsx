// scene: Plan comparison table (Free / Pro / Team) with rows ticking in and a highlighted column
// exercises: import from remotion, import React from react, import from lucide-react (Check, X, Minus, Crown, Sparkles), window.LucideIcons.Info, interfaces, type aliases (union, mapped, keyof), generics, as const tuple, Record, non-null !, optional chaining, nullish coalescing, typed React.FC props with children, spring(delay, config damping/stiffness/overshootClamping), interpolate(clamp, easing), interpolateColors, Easing.out(Easing.exp), Sequence(from, durationInFrames), helper-before-default, helper-after-default, durationInFrames export, _ID constants
// component: Scene_09D4E7B3
import React from 'react';
import { AbsoluteFill, Sequence, spring, interpolate, interpolateColors, useCurrentFrame, useVideoConfig, Easing } from 'remotion';
import { Check, X, Minus, Crown, Sparkles } from 'lucide-react';

const PLANS_09D4E7B3 = ["free", "pro", "team"] as const;
type PlanId = (typeof PLANS_09D4E7B3)[number];
type Cell = boolean | "partial" | string;
type PlanValues = { [K in PlanId]: Cell };

interface PlanMeta {
  label: string;
  price: string;
  period?: string;
  color: string;
  badge?: string;
}

interface FeatureRow {
  feature: string;
  hint?: string;
  values: PlanValues;
}

const META_09D4E7B3: Record<PlanId, PlanMeta> = {
  free: { label: "Free", price: "$0", color: "#94A3B8" },
  pro: { label: "Pro", price: "$19", period: "/mo", color: "#8B5CF6", badge: "Most popular" },
  team: { label: "Team", price: "$49", period: "/mo", color: "#0EA5E9" },
};

const ROWS_09D4E7B3: FeatureRow[] = [
  { feature: "Projects", values: { free: "3", pro: "Unlimited", team: "Unlimited" } },
  { feature: "Export quality", values: { free: "720p", pro: "4K", team: "4K" } },
  { feature: "Remove watermark", values: { free: false, pro: true, team: true } },
  { feature: "Brand kit", hint: "Logos, fonts, colours", values: { free: false, pro: "partial", team: true } },
  { feature: "AI voice-over", values: { free: "partial", pro: true, team: true } },
  { feature: "Shared workspace", values: { free: false, pro: false, team: true } },
  { feature: "Priority support", values: { free: false, pro: true, team: true } },
];

const LAYOUT_09D4E7B3 = {
  firstCol: 520,
  col: 320,
  rowH: 92,
  headerH: 210,
} as const;

const HIGHLIGHT_09D4E7B3: PlanId = "pro";

function pluck<T, K extends keyof T>(items: readonly T[], key: K): T[K][] {
  return items.map((it) => it[key]);
}

const countTrue = (plan: PlanId): number => pluck(ROWS_09D4E7B3, "values").filter((v) => v[plan] === true).length;

const CellIcon: React.FC<{ value: Cell; color: string }> = ({ value, color }) => {
  if (value === true) {
    return (
      <div style={{ width: 48, height: 48, borderRadius: 24, background: `${color}26`, display: "flex", alignItems: "center", justifyContent: "center" }}>
        <Check size={30} color={color} strokeWidth={3} />
      </div>
    );
  }
  if (value === false) return <X size={30} color="#475569" strokeWidth={3} />;
  if (value === "partial") return <Minus size={30} color="#F59E0B" strokeWidth={3} />;
  return <span style={{ fontSize: 28, fontWeight: 600, color: "#E2E8F0" }}>{value}</span>;
};

const ColumnHeader = ({ plan, index }: { plan: PlanId; index: number }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const meta = META_09D4E7B3[plan];
  const s = spring({ frame, fps, delay: index * 6, config: { damping: 14, stiffness: 120, overshootClamping: false } });
  const highlighted = plan === HIGHLIGHT_09D4E7B3;
  return (
    <div style={{ width: LAYOUT_09D4E7B3.col, height: LAYOUT_09D4E7B3.headerH, display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "flex-end", gap: 8, paddingBottom: 24, opacity: s, transform: `translateY(${(1 - s) * -40}px)` }}>
      {meta.badge ? (
        <div style={{ display: "flex", alignItems: "center", gap: 8, padding: "6px 16px", borderRadius: 999, background: meta.color, color: "white", fontSize: 20, fontWeight: 700 }}>
          <Crown size={20} />
          {meta.badge}
        </div>
      ) : null}
      <div style={{ fontSize: 40, fontWeight: 800, color: highlighted ? "white" : "#CBD5E1" }}>{meta.label}</div>
      <div style={{ fontSize: 56, fontWeight: 800, color: meta.color }}>
        {meta.price}
        <span style={{ fontSize: 24, color: "#64748B", fontWeight: 500 }}>{meta.period ?? ""}</span>
      </div>
    </div>
  );
};

const Row = ({ row, index }: { row: FeatureRow; index: number }) => {
  const frame = useCurrentFrame();
  const enter = interpolate(frame, [index * 5, index * 5 + 14], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.out(Easing.exp) });
  const Info = window.LucideIcons.Info;
  return (
    <div style={{ display: "flex", alignItems: "center", height: LAYOUT_09D4E7B3.rowH, borderTop: "1px solid rgba(148,163,184,0.12)", opacity: enter, transform: `translateX(${(1 - enter) * -60}px)` }}>
      <div style={{ width: LAYOUT_09D4E7B3.firstCol, display: "flex", alignItems: "center", gap: 12, fontSize: 32, color: "#E2E8F0" }}>
        {row.feature}
        {row.hint && <Info size={22} color="#64748B" />}
        {row.hint ? <span style={{ fontSize: 20, color: "#64748B" }}>{row.hint}</span> : null}
      </div>
      {PLANS_09D4E7B3.map((plan) => (
        <div key={plan} style={{ width: LAYOUT_09D4E7B3.col, display: "flex", justifyContent: "center" }}>
          <CellIcon value={row.values[plan]} color={META_09D4E7B3[plan].color} />
        </div>
      ))}
    </div>
  );
};

export default function Scene_09D4E7B3() {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const colIndex = PLANS_09D4E7B3.indexOf(HIGHLIGHT_09D4E7B3);
  const glow = spring({ frame: frame - 70, fps, config: { damping: 20 } });
  const border = interpolateColors(glow, [0, 1], ["rgba(139,92,246,0)", "rgba(139,92,246,1)"]);
  const tableH = LAYOUT_09D4E7B3.headerH + ROWS_09D4E7B3.length * LAYOUT_09D4E7B3.rowH + 40;
  const best = [...PLANS_09D4E7B3].sort((a, b) => countTrue(b) - countTrue(a))[0]!;
  const titleIn = interpolate(frame, [0, 16], [0, 1], { extrapolateRight: "clamp" });

  return (
    <AbsoluteFill style={{ background: "radial-gradient(circle at 50% 0%, #1E1B4B 0%, #020617 65%)", alignItems: "center", paddingTop: 50 }}>
      <h1 style={{ margin: 0, fontSize: 64, color: "white", opacity: titleIn, display: "flex", alignItems: "center", gap: 18 }}>
        <Sparkles size={52} color="#A78BFA" />
        Choose the plan that fits
      </h1>
      <div style={{ position: "relative", marginTop: 30 }}>
        <div
          style={{
            position: "absolute",
            left: LAYOUT_09D4E7B3.firstCol + colIndex * LAYOUT_09D4E7B3.col,
            top: 0,
            width: LAYOUT_09D4E7B3.col,
            height: tableH,
            borderRadius: 32,
            border: `3px solid ${border}`,
            background: `rgba(139,92,246,${0.12 * glow})`,
            boxShadow: `0 0 ${80 * glow}px rgba(139,92,246,0.35)`,
          }}
        />
        <div style={{ display: "flex", paddingLeft: LAYOUT_09D4E7B3.firstCol }}>
          {PLANS_09D4E7B3.map((p, i) => (
            <ColumnHeader key={p} plan={p} index={i} />
          ))}
        </div>
        <Sequence from={20} layout="none">
          {ROWS_09D4E7B3.map((r, i) => (
            <Row key={r.feature} row={r} index={i} />
          ))}
        </Sequence>
      </div>
      <Sequence from={100} durationInFrames={60} layout="none">
        <Verdict plan={best} />
      </Sequence>
    </AbsoluteFill>
  );
}

function Verdict({ plan }: { plan: PlanId }) {
  const frame = useCurrentFrame();
  const o = interpolate(frame, [0, 12], [0, 1], { extrapolateRight: "clamp" });
  const meta = META_09D4E7B3[plan];
  return (
    <div style={{ marginTop: 30, fontSize: 30, color: "#CBD5E1", opacity: o }}>
      {`${meta.label} includes ${countTrue(plan)} of ${ROWS_09D4E7B3.length} features`}
    </div>
  );
}

export const durationInFrames_09D4E7B3 = 160;
