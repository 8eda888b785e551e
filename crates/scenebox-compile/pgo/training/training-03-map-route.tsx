// scene: Delivery route drawn across a stylised city map
// exercises: window.Remotion (top-level destructure), window.LucideIcons (MapPin, Truck, Flag), SVG path with cubic segments, strokeDasharray draw-on, getPointAtLength-free position by interpolating waypoints, interpolate(clamp, easing), Easing.inOut(Easing.cubic), spring(config damping), interface, helper-before-default, _ID constants
// component: Scene_2A7E61C4
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

interface Stop {
  name: string;
  x: number;
  y: number;
  eta: string;
}

const STOPS_2A7E61C4: Stop[] = [
  { name: "Warehouse", x: 260, y: 820, eta: "09:00" },
  { name: "Market St", x: 620, y: 560, eta: "09:18" },
  { name: "Harbor", x: 1040, y: 700, eta: "09:41" },
  { name: "Old Town", x: 1380, y: 360, eta: "10:05" },
  { name: "Customer", x: 1680, y: 220, eta: "10:22" },
];

const BLOCKS_2A7E61C4 = Array.from({ length: 48 }, (_, i) => ({
  x: (i % 8) * 240 + 20,
  y: Math.floor(i / 8) * 180 + 20,
  w: 180 + ((i * 37) % 40),
  h: 120 + ((i * 53) % 30),
}));

let routePath_2A7E61C4 = "";
STOPS_2A7E61C4.forEach((s, i) => {
  if (i === 0) {
    routePath_2A7E61C4 = `M ${s.x} ${s.y}`;
    return;
  }
  const prev = STOPS_2A7E61C4[i - 1];
  const mx = (prev.x + s.x) / 2;
  routePath_2A7E61C4 += ` C ${mx} ${prev.y}, ${mx} ${s.y}, ${s.x} ${s.y}`;
});

const StopMarker = ({ stop, reached, index }: { stop: Stop; reached: boolean; index: number }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const pop = spring({ frame: frame - index * 12, fps, config: { damping: 9 } });
  const MapPin = window.LucideIcons.MapPin;
  return (
    <div style={{ position: "absolute", left: stop.x - 30, top: stop.y - 64, transform: `scale(${pop})`, transformOrigin: "bottom center", display: "flex", flexDirection: "column", alignItems: "center" }}>
      <div style={{ background: reached ? "#16A34A" : "#1F2937", color: "white", fontSize: 20, padding: "6px 14px", borderRadius: 10, whiteSpace: "nowrap", marginBottom: 6 }}>
        {stop.name} · {stop.eta}
      </div>
      <MapPin size={60} color={reached ? "#16A34A" : "#EF4444"} fill="white" />
    </div>
  );
};

export default function Scene_2A7E61C4() {
  const frame = useCurrentFrame();
  const progress = interpolate(frame, [20, 130], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.inOut(Easing.cubic) });
  const total = 2600;
  const segment = progress * (STOPS_2A7E61C4.length - 1);
  const idx = Math.min(Math.floor(segment), STOPS_2A7E61C4.length - 2);
  const local = segment - idx;
  const a = STOPS_2A7E61C4[idx];
  const b = STOPS_2A7E61C4[idx + 1];
  const truckX = a.x + (b.x - a.x) * local;
  const truckY = a.y + (b.y - a.y) * (local * local * (3 - 2 * local));
  const Truck = window.LucideIcons.Truck;
  const Flag = window.LucideIcons.Flag;
  const done = progress >= 1;

  return (
    <AbsoluteFill style={{ backgroundColor: "#E7E5E4" }}>
      <svg width={1920} height={1080} style={{ position: "absolute" }}>
        {BLOCKS_2A7E61C4.map((b, i) => (
          <rect key={i} x={b.x} y={b.y} width={b.w} height={b.h} rx={14} fill={i % 7 === 0 ? "#BBF7D0" : "#F5F5F4"} />
        ))}
        <path d={routePath_2A7E61C4} fill="none" stroke="#A8A29E" strokeWidth={14} strokeLinecap="round" strokeDasharray="2 22" />
        <path d={routePath_2A7E61C4} fill="none" stroke="#2563EB" strokeWidth={12} strokeLinecap="round" strokeDasharray={total} strokeDashoffset={total * (1 - progress)} />
      </svg>
      {STOPS_2A7E61C4.map((s, i) => (
        <StopMarker key={s.name} stop={s} index={i} reached={segment >= i} />
      ))}
      <div style={{ position: "absolute", left: truckX - 36, top: truckY - 36, width: 72, height: 72, borderRadius: 36, background: "#2563EB", display: "flex", alignItems: "center", justifyContent: "center", boxShadow: "0 8px 20px rgba(37,99,235,0.5)" }}>
        <Truck size={40} color="white" />
      </div>
      <div style={{ position: "absolute", right: 60, bottom: 60, background: "white", borderRadius: 24, padding: "26px 36px", display: "flex", alignItems: "center", gap: 18, fontSize: 34, fontWeight: 700, color: "#1C1917" }}>
        <Flag size={36} color={done ? "#16A34A" : "#78716C"} />
        {done ? "Delivered" : `${Math.round(progress * 100)}% of route`}
      </div>
    </AbsoluteFill>
  );
}
