// scene: Support chat with alternating bubbles and a typing indicator
// exercises: window.Remotion, window.React (useMemo), window.LucideIcons (Headphones, User, CheckCheck), Sequence(from, layout="none"), spring(config damping/stiffness), interpolate(clamp), typewriter text, typing dots, type alias, optional chaining, helper-before-default
// component: Scene_71C0F3A8
const { AbsoluteFill, Sequence, useCurrentFrame, useVideoConfig, interpolate, spring } = window.Remotion;

type Side = "agent" | "customer";
type Message = { from: Side; text: string; at: number; read?: boolean };

const THREAD_71C0F3A8: Message[] = [
  { from: "customer", text: "Hi! My order hasn't shipped yet 😕", at: 0 },
  { from: "agent", text: "Sorry about that! Let me check the status for you.", at: 28 },
  { from: "agent", text: "Good news — it leaves the warehouse tonight.", at: 62, read: true },
  { from: "customer", text: "Amazing, thank you so much!", at: 96, read: true },
];

const TypingDots = () => {
  const frame = useCurrentFrame();
  return (
    <div style={{ display: "flex", gap: 10, padding: "22px 28px", background: "#E5E7EB", borderRadius: 30, width: "fit-content" }}>
      {[0, 1, 2].map((i) => (
        <div key={i} style={{ width: 14, height: 14, borderRadius: 7, background: "#6B7280", transform: `translateY(${Math.sin((frame - i * 5) / 4) * 6}px)` }} />
      ))}
    </div>
  );
};

const Bubble = ({ msg }: { msg: Message }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const mine = msg.from === "customer";
  const pop = spring({ frame, fps, config: { damping: 14, stiffness: 170 } });
  const chars = Math.floor(interpolate(frame, [0, 18], [0, msg.text.length], { extrapolateRight: "clamp" }));
  const Icon = mine ? window.LucideIcons.User : window.LucideIcons.Headphones;
  const CheckCheck = window.LucideIcons.CheckCheck;
  return (
    <div style={{ display: "flex", flexDirection: mine ? "row-reverse" : "row", alignItems: "flex-end", gap: 16, transform: `scale(${pop})`, transformOrigin: mine ? "right bottom" : "left bottom" }}>
      <div style={{ width: 64, height: 64, borderRadius: 32, background: mine ? "#4F46E5" : "#0EA5E9", display: "flex", alignItems: "center", justifyContent: "center" }}>
        <Icon size={34} color="white" />
      </div>
      <div
        style={{
          maxWidth: 900,
          padding: "22px 30px",
          fontSize: 36,
          lineHeight: 1.3,
          borderRadius: mine ? "30px 30px 6px 30px" : "30px 30px 30px 6px",
          background: mine ? "#4F46E5" : "white",
          color: mine ? "white" : "#111827",
          boxShadow: "0 6px 18px rgba(0,0,0,0.08)",
        }}
      >
        {msg.text.slice(0, chars)}
        {msg?.read && chars === msg.text.length ? (
          <span style={{ marginLeft: 12, verticalAlign: "middle", opacity: 0.7 }}>
            <CheckCheck size={24} />
          </span>
        ) : null}
      </div>
    </div>
  );
};

export default function Scene_71C0F3A8() {
  const frame = useCurrentFrame();
  const visible = window.React.useMemo(() => THREAD_71C0F3A8.filter((m) => m.at <= frame).length, [frame]);
  const next = THREAD_71C0F3A8[visible];
  const showTyping = next !== undefined && next.at - frame < 14;
  const scroll = Math.max(0, visible - 3) * 130;

  return (
    <AbsoluteFill style={{ background: "linear-gradient(180deg, #F3F4F6, #E0E7FF)", alignItems: "center" }}>
      <div style={{ width: 1300, marginTop: 60, padding: "28px 40px", borderRadius: 28, background: "#111827", color: "white", fontSize: 34, fontWeight: 600 }}>
        Acme Support <span style={{ color: "#34D399", fontSize: 24, marginLeft: 16 }}>● online</span>
      </div>
      <div style={{ width: 1300, display: "flex", flexDirection: "column", gap: 34, marginTop: 40, transform: `translateY(${-scroll}px)` }}>
        {THREAD_71C0F3A8.map((m, i) => (
          <Sequence key={i} from={m.at} layout="none">
            <Bubble msg={m} />
          </Sequence>
        ))}
        {showTyping && next?.from === "agent" ? <TypingDots /> : null}
      </div>
    </AbsoluteFill>
  );
}
