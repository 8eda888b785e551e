// scene: Now-playing card with a looping equalizer and circular spectrum
// exercises: window.Remotion (Loop, random, interpolate wrap), window.LucideIcons (Music2, Pause, SkipForward), random('seed') bar heights, Math.sin noise, SVG rotated rects, template literals, _ID constants, helper-before-default
// component: Scene_0B9F4D62
const { AbsoluteFill, Loop, useCurrentFrame, interpolate, random } = window.Remotion;

const BARS_0B9F4D62 = 64;
const TRACK_0B9F4D62 = { title: "Midnight Drive", artist: "Neon Harbor", length: 214 };

const barHeight = (i: number, frame: number) => {
  const base = random(`bar-${i}`);
  const wobble = Math.sin(frame / (3 + base * 4) + i * 0.7) * 0.5 + 0.5;
  return 20 + wobble * (60 + base * 140);
};

const Spectrum = () => {
  const frame = useCurrentFrame();
  return (
    <svg width={700} height={700} viewBox="-350 -350 700 700" style={{ position: "absolute" }}>
      {Array.from({ length: BARS_0B9F4D62 }).map((_, i) => {
        const angle = (i / BARS_0B9F4D62) * 360;
        const h = barHeight(i, frame);
        const hue = 260 + (i / BARS_0B9F4D62) * 100;
        return <rect key={i} x={-5} y={-230 - h} width={10} height={h} rx={5} fill={`hsl(${hue}, 90%, 65%)`} transform={`rotate(${angle})`} />;
      })}
    </svg>
  );
};

const Beat = () => {
  const frame = useCurrentFrame();
  const scale = interpolate(frame, [0, 4, 15], [1.08, 1, 1], { extrapolateRight: "clamp" });
  return <div style={{ width: 380, height: 380, borderRadius: 190, background: "conic-gradient(from 0deg, #7C3AED, #DB2777, #F59E0B, #7C3AED)", transform: `scale(${scale})` }} />;
};

export default function Scene_0B9F4D62() {
  const frame = useCurrentFrame();
  const elapsed = 37 + Math.floor(frame / 30);
  const fmt = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  const spin = interpolate(frame, [0, 240], [0, 360], { extrapolateRight: "wrap" });
  const { Music2, Pause, SkipForward } = window.LucideIcons;

  return (
    <AbsoluteFill style={{ backgroundColor: "#0A0A14", justifyContent: "center", alignItems: "center", gap: 60, flexDirection: "row" }}>
      <div style={{ position: "relative", width: 700, height: 700, display: "flex", justifyContent: "center", alignItems: "center" }}>
        <Spectrum />
        <Loop durationInFrames={15}>
          <AbsoluteFill style={{ justifyContent: "center", alignItems: "center" }}>
            <Beat />
          </AbsoluteFill>
        </Loop>
        <div style={{ position: "absolute", transform: `rotate(${spin}deg)` }}>
          <Music2 size={120} color="white" />
        </div>
      </div>
      <div style={{ width: 640, color: "white" }}>
        <div style={{ fontSize: 84, fontWeight: 800, marginTop: 10 }}>{TRACK_0B9F4D62.title}</div>
        <div style={{ fontSize: 40, color: "#9CA3AF" }}>{TRACK_0B9F4D62.artist}</div>
        <div style={{ marginTop: 50, height: 10, borderRadius: 5, background: "#27272A" }}>
          <div style={{ width: `${(elapsed / TRACK_0B9F4D62.length) * 100}%`, height: "100%", borderRadius: 5, background: "#A78BFA" }} />
        </div>
        <div style={{ fontSize: 26, color: "#71717A", marginTop: 12 }}>{`${fmt(elapsed)} / ${fmt(TRACK_0B9F4D62.length)}`}</div>
        <div style={{ display: "flex", gap: 40, marginTop: 40 }}>
          {[Pause, SkipForward].map((Icon, i) => <Icon key={i} size={60} color="white" />)}
        </div>
      </div>
    </AbsoluteFill>
  );
}
