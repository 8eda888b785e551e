// scene: Smart speaker product launch with staggered spec chips
// exercises: import from remotion, import from lucide-react (Rocket, Battery, Wifi, Volume2), spring(config damping/stiffness), interpolate(clamp, easing), Easing.out(Easing.cubic), Sequence(from, durationInFrames), interface, typed props, helper-before-default, helper-after-default, durationInFrames export
// component: Scene_4F1A9C27
import { AbsoluteFill, Sequence, spring, interpolate, useCurrentFrame, useVideoConfig, Easing } from 'remotion';
import { Rocket, Battery, Wifi, Volume2 } from 'lucide-react';

interface Spec {
  label: string;
  value: string;
  icon: typeof Rocket;
  tint: string;
}

const SPECS_4F1A9C27: Spec[] = [
  { label: "Battery", value: "18 h", icon: Battery, tint: "#34D399" },
  { label: "Wireless", value: "Wi-Fi 7", icon: Wifi, tint: "#60A5FA" },
  { label: "Output", value: "40 W", icon: Volume2, tint: "#F472B6" },
];

const SpecChip = ({ spec, index }: { spec: Spec; index: number }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const enter = spring({ frame: frame - index * 8, fps, config: { damping: 14, stiffness: 110 } });
  const Icon = spec.icon;
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        gap: 18,
        padding: "20px 34px",
        borderRadius: 999,
        background: "rgba(255,255,255,0.07)",
        border: `2px solid ${spec.tint}55`,
        opacity: enter,
        transform: `translateX(${(1 - enter) * -80}px)`,
      }}
    >
      <Icon size={40} color={spec.tint} />
      <span style={{ color: "#CBD5E1", fontSize: 30 }}>{spec.label}</span>
      <span style={{ color: "white", fontSize: 34, fontWeight: 700 }}>{spec.value}</span>
    </div>
  );
};

export default function Scene_4F1A9C27() {
  const frame = useCurrentFrame();
  const { fps, durationInFrames } = useVideoConfig();
  const deviceIn = spring({ frame, fps, config: { damping: 11, stiffness: 80 } });
  const glow = interpolate(frame, [0, 60], [0, 1], { extrapolateRight: "clamp", easing: Easing.out(Easing.cubic) });
  const float = Math.sin(frame / 12) * 10;
  const outro = interpolate(frame, [durationInFrames - 20, durationInFrames], [1, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });

  return (
    <AbsoluteFill style={{ background: "radial-gradient(ellipse at 30% 40%, #1E293B 0%, #020617 75%)", opacity: outro }}>
      <div style={{ position: "absolute", left: 180, top: 230, transform: `scale(${deviceIn}) translateY(${float}px)` }}>
        <div
          style={{
            width: 420,
            height: 560,
            borderRadius: 140,
            background: "linear-gradient(180deg, #334155, #0F172A)",
            boxShadow: `0 0 ${120 * glow}px rgba(96,165,250,${0.45 * glow})`,
            display: "flex",
            alignItems: "flex-end",
            justifyContent: "center",
            paddingBottom: 60,
          }}
        >
          <div style={{ width: 200, height: 12, borderRadius: 6, background: `rgba(96,165,250,${glow})` }} />
        </div>
      </div>
      <Sequence from={15} durationInFrames={135} layout="none">
        <div style={{ position: "absolute", left: 760, top: 200, display: "flex", flexDirection: "column", gap: 28 }}>
          <LaunchBadge />
          <h1 style={{ color: "white", fontSize: 110, margin: 0, fontWeight: 800, letterSpacing: -3 }}>Echo Mini</h1>
          <p style={{ color: "#94A3B8", fontSize: 38, margin: 0, maxWidth: 820 }}>Room-filling sound that fits in your palm.</p>
          <div style={{ display: "flex", flexDirection: "column", gap: 20, marginTop: 20 }}>
            {SPECS_4F1A9C27.map((spec, i) => (
              <SpecChip key={spec.label} spec={spec} index={i} />
            ))}
          </div>
        </div>
      </Sequence>
    </AbsoluteFill>
  );
}

function LaunchBadge() {
  const frame = useCurrentFrame();
  const pulse = 1 + Math.sin(frame / 6) * 0.04;
  return (
    <div style={{ display: "inline-flex", alignItems: "center", gap: 12, color: "#FBBF24", fontSize: 26, fontWeight: 600, transform: `scale(${pulse})`, transformOrigin: "left center" }}>
      <Rocket size={30} /> AVAILABLE TODAY
    </div>
  );
}

export const durationInFrames_4F1A9C27 = 150;
