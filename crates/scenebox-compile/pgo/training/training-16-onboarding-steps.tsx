// scene: App onboarding walkthrough with a stepper and phone screens
// exercises: import React, { useState, useEffect, useRef } from react, useState lazy initializer, useEffect once, useRef counter, import from remotion (Sequence, Easing), import from lucide-react (UserPlus, Bell, Palette, PartyPopper), spring(config damping), interpolate(clamp, easing), Easing.inOut(Easing.cubic), type alias, typed props, helper-before-default
// component: Scene_38F6B0DA
import React, { useState, useEffect, useRef } from 'react';
import { AbsoluteFill, Sequence, spring, interpolate, useCurrentFrame, useVideoConfig, Easing } from 'remotion';
import { UserPlus, Bell, Palette, PartyPopper } from 'lucide-react';

type OnboardStep = { title: string; body: string; Icon: typeof UserPlus; accent: string };

const STEPS_38F6B0DA: OnboardStep[] = [
  { title: "Create your account", body: "Sign up with email or Google in seconds.", Icon: UserPlus, accent: "#6366F1" },
  { title: "Turn on reminders", body: "We nudge you at the right moment.", Icon: Bell, accent: "#F59E0B" },
  { title: "Pick a theme", body: "Light, dark or something bolder.", Icon: Palette, accent: "#EC4899" },
  { title: "You're all set!", body: "Start your first project now.", Icon: PartyPopper, accent: "#10B981" },
];

const STEP_LEN_38F6B0DA = 36;

const Stepper = ({ active, progress }: { active: number; progress: number }) => (
  <div style={{ display: "flex", alignItems: "center", gap: 0 }}>
    {STEPS_38F6B0DA.map((s, i) => {
      const done = i < active;
      const current = i === active;
      return (
        <React.Fragment key={s.title}>
          {i > 0 && (
            <div style={{ width: 110, height: 6, background: "#E5E7EB", overflow: "hidden" }}>
              <div style={{ height: "100%", width: `${i < active ? 100 : i === active ? progress * 100 : 0}%`, background: s.accent }} />
            </div>
          )}
          <div style={{ width: 56, height: 56, borderRadius: 28, display: "flex", justifyContent: "center", alignItems: "center", fontSize: 26, fontWeight: 700, background: done || current ? s.accent : "#E5E7EB", color: done || current ? "white" : "#6B7280", transform: `scale(${current ? 1.15 : 1})` }}>
            {done ? "✓" : i + 1}
          </div>
        </React.Fragment>
      );
    })}
  </div>
);

const PhoneScreen = ({ step }: { step: OnboardStep }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const s = spring({ frame, fps, config: { damping: 15 } });
  const { Icon } = step;
  return (
    <div style={{ position: "absolute", inset: 0, display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", gap: 30, padding: 40, textAlign: "center", opacity: s, transform: `translateX(${(1 - s) * 120}px)` }}>
      <div style={{ width: 180, height: 180, borderRadius: 48, background: `${step.accent}22`, display: "flex", justifyContent: "center", alignItems: "center" }}>
        <Icon size={96} color={step.accent} />
      </div>
      <div style={{ fontSize: 40, fontWeight: 800, color: "#111827" }}>{step.title}</div>
      <div style={{ fontSize: 26, color: "#6B7280" }}>{step.body}</div>
    </div>
  );
};

export default function Scene_38F6B0DA() {
  const frame = useCurrentFrame();
  const [totalSteps] = useState(() => STEPS_38F6B0DA.length);
  const renders = useRef(0);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(true);
  }, []);
  renders.current += 1;

  const active = Math.min(totalSteps - 1, Math.floor(frame / STEP_LEN_38F6B0DA));
  const local = interpolate(frame % STEP_LEN_38F6B0DA, [0, STEP_LEN_38F6B0DA], [0, 1], { easing: Easing.inOut(Easing.cubic) });
  const phoneTilt = interpolate(frame, [0, 30], [8, 0], { extrapolateRight: "clamp" });

  return (
    <AbsoluteFill style={{ background: "#F9FAFB", flexDirection: "row", alignItems: "center", justifyContent: "center", gap: 160, opacity: ready ? 1 : 0.99 }}>
      <div style={{ width: 440, height: 880, borderRadius: 64, background: "white", border: "14px solid #111827", position: "relative", overflow: "hidden", transform: `rotate(${phoneTilt}deg)`, boxShadow: "0 40px 80px rgba(17,24,39,0.2)" }}>
        {STEPS_38F6B0DA.map((s, i) => (
          <Sequence key={s.title} from={i * STEP_LEN_38F6B0DA} durationInFrames={STEP_LEN_38F6B0DA} layout="none">
            <PhoneScreen step={s} />
          </Sequence>
        ))}
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 40 }}>
        <div style={{ fontSize: 30, letterSpacing: 5, color: "#6B7280" }}>GETTING STARTED</div>
        <div style={{ fontSize: 84, fontWeight: 800, color: "#111827", maxWidth: 760, lineHeight: 1.05 }}>Four steps to your first project</div>
        <Stepper active={active} progress={local} />
      </div>
    </AbsoluteFill>
  );
}
