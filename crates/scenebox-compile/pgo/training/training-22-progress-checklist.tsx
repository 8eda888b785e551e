// scene: Launch checklist with items ticking off and an overall progress bar
// exercises: window.Remotion, window.LucideIcons (CircleCheck, Circle), frame thresholds, spring, interpolate(clamp, easing), strike-through, top-level let, export let durationInFrames
// component: Scene_1F8E3C75
const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;

type Task = { text: string; doneAt: number };

const TASKS_1F8E3C75: Task[] = [
  { text: "Write release notes", doneAt: 15 },
  { text: "Record demo video", doneAt: 35 },
  { text: "Update pricing page", doneAt: 55 },
  { text: "Press the big button", doneAt: 80 },
];

let checkedCount_1F8E3C75 = 0;

const TaskRow = ({ task, index }: { task: Task; index: number }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const enter = spring({ frame: frame - index * 4, fps, config: { damping: 18 } });
  const tick = spring({ frame: frame - task.doneAt, fps, config: { damping: 10, stiffness: 200 } });
  const strike = interpolate(frame, [task.doneAt + 4, task.doneAt + 14], [0, 100], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.out(Easing.quad) });
  const done = frame >= task.doneAt;
  const Icon = done ? window.LucideIcons.CircleCheck : window.LucideIcons.Circle;
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 28, opacity: enter, transform: `translateX(${(1 - enter) * 40}px)` }}>
      <div style={{ transform: `scale(${done ? 0.6 + tick * 0.4 : 1})` }}>
        <Icon size={56} color={done ? "#22C55E" : "#CBD5E1"} />
      </div>
      <div style={{ position: "relative", fontSize: 46, color: done ? "#94A3B8" : "#0F172A" }}>
        {task.text}
        <div style={{ position: "absolute", left: 0, top: "52%", height: 4, width: `${strike}%`, background: "#94A3B8" }} />
      </div>
    </div>
  );
};

export default function Scene_1F8E3C75() {
  const frame = useCurrentFrame();
  const completed = TASKS_1F8E3C75.filter((t) => frame >= t.doneAt).length;
  checkedCount_1F8E3C75 = completed;
  const pct = interpolate(completed, [0, TASKS_1F8E3C75.length], [0, 100]);
  return (
    <AbsoluteFill style={{ backgroundColor: "#F8FAFC", justifyContent: "center", alignItems: "center" }}>
      <div style={{ width: 1100, padding: 70, borderRadius: 36, background: "white", boxShadow: "0 20px 60px rgba(15,23,42,0.08)", display: "flex", flexDirection: "column", gap: 34 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline" }}>
          <span style={{ fontSize: 60, fontWeight: 800, color: "#0F172A" }}>Launch day</span>
          <span style={{ fontSize: 36, color: "#22C55E", fontWeight: 700 }}>{completed}/{TASKS_1F8E3C75.length}</span>
        </div>
        <div style={{ height: 16, borderRadius: 8, background: `linear-gradient(90deg, #22C55E ${pct}%, #E2E8F0 ${pct}%)` }} />
        {TASKS_1F8E3C75.map((t, i) => (
          <TaskRow key={t.text} task={t} index={i} />
        ))}
      </div>
    </AbsoluteFill>
  );
}

export let durationInFrames_1F8E3C75 = 130;
