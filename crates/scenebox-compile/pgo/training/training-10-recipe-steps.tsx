// scene: Pancake recipe in four steps, one per Series slot
// exercises: import from remotion (Series, Series.Sequence with offset), window.IconifyIcon (JSX member expression), spring(config damping), interpolate(clamp), Easing.out(Easing.quad), interface, typed props, index-based colours, helper-before-default
// component: Scene_93AD27F5
import { AbsoluteFill, Series, spring, interpolate, useCurrentFrame, useVideoConfig, Easing } from 'remotion';

interface Step {
  icon: string;
  title: string;
  detail: string;
}

const STEPS_93AD27F5: Step[] = [
  { icon: "mdi:bowl-mix", title: "Mix", detail: "Whisk 200 g flour, 2 eggs and 300 ml milk" },
  { icon: "mdi:timer-sand", title: "Rest", detail: "Let the batter sit for 10 minutes" },
  { icon: "mdi:pot-steam", title: "Cook", detail: "Ladle onto a hot buttered pan, 90 s per side" },
  { icon: "mdi:silverware-fork-knife", title: "Serve", detail: "Stack high, add berries and maple syrup" },
];

const TINTS_93AD27F5 = ["#FDE68A", "#FECACA", "#BBF7D0", "#BFDBFE"];

function StepSlide({ step, n }: { step: Step; n: number }) {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const icon = spring({ frame, fps, config: { damping: 10 } });
  const text = interpolate(frame, [8, 22], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.out(Easing.quad) });
  const exit = interpolate(frame, [32, 40], [1, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  return (
    <AbsoluteFill style={{ backgroundColor: TINTS_93AD27F5[n % TINTS_93AD27F5.length], justifyContent: "center", alignItems: "center", opacity: exit }}>
      <div style={{ position: "absolute", top: 60, left: 80, fontSize: 40, fontWeight: 700, color: "#44403C" }}>
        Step {n + 1} / {STEPS_93AD27F5.length}
      </div>
      <div style={{ width: 300, height: 300, borderRadius: 150, background: "white", display: "flex", justifyContent: "center", alignItems: "center", transform: `scale(${icon}) rotate(${(1 - icon) * -40}deg)` }}>
        <window.IconifyIcon icon={step.icon} style={{ fontSize: 180, color: "#292524" }} />
      </div>
      <div style={{ marginTop: 50, textAlign: "center", opacity: text, transform: `translateY(${(1 - text) * 30}px)` }}>
        <div style={{ fontSize: 110, fontWeight: 900, color: "#1C1917" }}>{step.title}</div>
        <div style={{ fontSize: 42, color: "#57534E", marginTop: 10 }}>{step.detail}</div>
      </div>
    </AbsoluteFill>
  );
}

export default function Scene_93AD27F5() {
  return (
    <AbsoluteFill>
      <Series>
        {STEPS_93AD27F5.map((s, i) => (
          <Series.Sequence key={s.title} durationInFrames={40} offset={i === 0 ? 0 : -4}>
            <StepSlide step={s} n={i} />
          </Series.Sequence>
        ))}
      </Series>
    </AbsoluteFill>
  );
}
