// scene: Gradient logo reveal with concentric shapes and a wordmark wipe
// exercises: import from @remotion/shapes (Circle, Triangle), import from remotion, SVG linearGradient text fill, clipPath inset wipe, spring(config stiffness/damping), interpolate(clamp, easing), Easing.out(Easing.back(2)), durationInFrames export, small scene
// component: Scene_7C52A0E8
import { AbsoluteFill, spring, interpolate, useCurrentFrame, useVideoConfig, Easing } from 'remotion';
import { Circle, Triangle } from '@remotion/shapes';

export default function Scene_7C52A0E8() {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const ring = spring({ frame, fps, config: { stiffness: 70, damping: 12 } });
  const tri = interpolate(frame, [10, 40], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.out(Easing.back(2)) });
  const wipe = interpolate(frame, [40, 75], [100, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const hueShift = frame * 1.5;

  return (
    <AbsoluteFill style={{ backgroundColor: "#09090B", justifyContent: "center", alignItems: "center", gap: 50 }}>
      <div style={{ position: "relative", width: 320, height: 320, display: "flex", justifyContent: "center", alignItems: "center", filter: `hue-rotate(${hueShift}deg)` }}>
        <div style={{ position: "absolute", transform: `scale(${ring})` }}>
          <Circle radius={160} fill="none" stroke="#F472B6" strokeWidth={10} />
        </div>
        <div style={{ position: "absolute", transform: `scale(${ring * 0.7}) rotate(${-frame}deg)` }}>
          <Circle radius={160} fill="none" stroke="#818CF8" strokeWidth={14} strokeDasharray="40 30" />
        </div>
        <div style={{ transform: `scale(${tri}) rotate(${(1 - tri) * 180}deg)` }}>
          <Triangle length={150} direction="up" fill="#FBBF24" cornerRadius={12} />
        </div>
      </div>
      <svg width={900} height={150} style={{ clipPath: `inset(0 ${wipe}% 0 0)` }}>
        <defs>
          <linearGradient id="wordmark-7C52A0E8" x1="0%" y1="0%" x2="100%" y2="0%">
            <stop offset="0%" stopColor="#F472B6" />
            <stop offset="50%" stopColor="#818CF8" />
            <stop offset="100%" stopColor="#FBBF24" />
          </linearGradient>
        </defs>
        <text x="50%" y="115" textAnchor="middle" fontSize={130} fontWeight={900} fill="url(#wordmark-7C52A0E8)" letterSpacing={12}>
          PRISMA
        </text>
      </svg>
    </AbsoluteFill>
  );
}

export const durationInFrames_7C52A0E8 = 90;
