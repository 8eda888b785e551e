// scene: Hourly weather strip with drifting clouds and falling rain
// exercises: window.Remotion (top-level destructure), window.HeroiconsSolid (SunIcon, CloudIcon, BoltIcon), window.RemotionGoogleFonts.loadFont, random('seed') raindrops, interpolate(clamp, wrap), interpolateColors, spring(delay), type alias with union, lookup table, helper-before-default
// component: Scene_A85F3E12
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, interpolateColors, spring, random } = window.Remotion;

const { fontFamily: font_A85F3E12 } = window.RemotionGoogleFonts.loadFont("Inter", { weights: ["400", "700"] });

type Sky = "sun" | "cloud" | "storm";
type Hour = { time: string; temp: number; sky: Sky; rain: number };

const HOURS_A85F3E12: Hour[] = [
  { time: "Now", temp: 19, sky: "sun", rain: 0 },
  { time: "13:00", temp: 20, sky: "sun", rain: 5 },
  { time: "14:00", temp: 18, sky: "cloud", rain: 30 },
  { time: "15:00", temp: 16, sky: "storm", rain: 80 },
  { time: "16:00", temp: 15, sky: "storm", rain: 70 },
  { time: "17:00", temp: 16, sky: "cloud", rain: 20 },
];

const Rain = ({ count = 90 }: { count?: number }) => {
  const frame = useCurrentFrame();
  const { height } = useVideoConfig();
  return (
    <>
      {Array.from({ length: count }, (_, i) => {
        const x = random(`rx-${i}`) * 1920;
        const speed = 18 + random(`rs-${i}`) * 14;
        const y = interpolate(frame * speed + random(`ry-${i}`) * height, [0, height + 60], [-60, height], { extrapolateRight: "wrap" });
        return <div key={i} style={{ position: "absolute", left: x, top: y, width: 3, height: 40, borderRadius: 2, background: "rgba(191,219,254,0.55)", transform: "rotate(12deg)" }} />;
      })}
    </>
  );
};

const HourCell = ({ hour, i }: { hour: Hour; i: number }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const s = spring({ frame, fps, delay: i * 5, config: { damping: 14 } });
  const icons: Record<Sky, { C: any; color: string }> = {
    sun: { C: window.HeroiconsSolid.SunIcon, color: "#FACC15" },
    cloud: { C: window.HeroiconsSolid.CloudIcon, color: "#E5E7EB" },
    storm: { C: window.HeroiconsSolid.BoltIcon, color: "#A78BFA" },
  };
  const { C, color } = icons[hour.sky];
  return (
    <div style={{ width: 220, padding: "30px 0", borderRadius: 30, background: i === 0 ? "rgba(255,255,255,0.22)" : "rgba(255,255,255,0.08)", display: "flex", flexDirection: "column", alignItems: "center", gap: 18, opacity: s, transform: `translateY(${(1 - s) * 80}px)` }}>
      <span style={{ fontSize: 30, color: "#CBD5E1" }}>{hour.time}</span>
      <C style={{ width: 80, height: 80, color }} />
      <span style={{ fontSize: 54, fontWeight: 700, color: "white" }}>{hour.temp}°</span>
      <span style={{ fontSize: 24, color: "#93C5FD" }}>{hour.rain}% 💧</span>
    </div>
  );
};

export default function Scene_A85F3E12() {
  const frame = useCurrentFrame();
  const gloom = interpolate(frame, [30, 110], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const top = interpolateColors(gloom, [0, 1], ["#38BDF8", "#1E1B4B"]);
  const bottom = interpolateColors(gloom, [0, 1], ["#0EA5E9", "#312E81"]);
  const cloudX = interpolate(frame, [0, 150], [-300, 1920], { extrapolateRight: "wrap" });

  return (
    <AbsoluteFill style={{ background: `linear-gradient(180deg, ${top}, ${bottom})`, fontFamily: font_A85F3E12, overflow: "hidden" }}>
      <div style={{ position: "absolute", top: 120, left: cloudX, width: 420, height: 120, borderRadius: 60, background: "rgba(255,255,255,0.35)", filter: "blur(8px)" }} />
      {gloom > 0.3 ? <Rain count={Math.round(gloom * 120)} /> : null}
      <div style={{ position: "absolute", top: 100, left: 120, color: "white" }}>
        <div style={{ fontSize: 44, opacity: 0.85 }}>Copenhagen</div>
        <div style={{ fontSize: 96, fontWeight: 700 }}>{gloom > 0.5 ? "Thunderstorms" : "Mostly sunny"}</div>
      </div>
      <div style={{ position: "absolute", bottom: 110, left: 0, right: 0, display: "flex", justifyContent: "center", gap: 30 }}>
        {HOURS_A85F3E12.map((h, i) => (
          <HourCell key={h.time} hour={h} i={i} />
        ))}
      </div>
    </AbsoluteFill>
  );
}
