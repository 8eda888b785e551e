// scene: Cyberpunk glitch title with RGB split, scanlines and random slice offsets
// exercises: import from remotion (random, interpolateColors, Loop, Sequence), random(seed) per frame, RGB split with mixBlendMode, clipPath polygon slices, scanlines, as const, helper-after-default
// component: Scene_AE06D5B4
import React from 'react';
import { AbsoluteFill, Loop, Sequence, interpolate, interpolateColors, random, useCurrentFrame } from 'remotion';

const TITLE_AE06D5B4 = "SYSTEM//OVERRIDE";
const CHANNELS_AE06D5B4 = [
  { color: "#FF004D", dx: -1 },
  { color: "#00E5FF", dx: 1 },
] as const;

const glitchAmount = (frame: number) => {
  const burst = random(`burst-${Math.floor(frame / 6)}`) > 0.65;
  return burst ? 0.4 + random(`amt-${frame}`) * 0.6 : random(`amt-${frame}`) * 0.08;
};

const Slices = ({ frame, amount }: { frame: number; amount: number }) => (
  <>
    {Array.from({ length: 6 }, (_, i) => {
      const top = i * (100 / 6);
      const shift = (random(`slice-${frame}-${i}`) - 0.5) * 120 * amount;
      return (
        <div key={i} style={{ position: "absolute", inset: 0, clipPath: `polygon(0 ${top}%, 100% ${top}%, 100% ${top + 100 / 6}%, 0 ${top + 100 / 6}%)`, transform: `translateX(${shift}px)` }}>
          <TitleText color="white" />
        </div>
      );
    })}
  </>
);

export default function Scene_AE06D5B4() {
  const frame = useCurrentFrame();
  const amount = glitchAmount(frame);
  const reveal = interpolate(frame, [0, 24], [0, TITLE_AE06D5B4.length], { extrapolateRight: "clamp" });
  const bg = interpolateColors(amount, [0, 1], ["#05010D", "#1A0530"]);

  return (
    <AbsoluteFill style={{ backgroundColor: bg, justifyContent: "center", alignItems: "center", overflow: "hidden" }}>
      <div style={{ position: "relative", width: 1700, height: 220 }}>
        {CHANNELS_AE06D5B4.map(({ color, dx }) => (
          <div key={color} style={{ position: "absolute", inset: 0, mixBlendMode: "screen", transform: `translateX(${dx * (4 + amount * 30)}px)`, opacity: 0.85 }}>
            <TitleText color={color} chars={Math.floor(reveal)} />
          </div>
        ))}
        {amount > 0.3 ? <Slices frame={frame} amount={amount} /> : null}
      </div>
      <Sequence from={30}>
        <AbsoluteFill style={{ justifyContent: "flex-end", alignItems: "center", paddingBottom: 120 }}>
          <Loop durationInFrames={20}>
            <Blink />
          </Loop>
        </AbsoluteFill>
      </Sequence>
      <AbsoluteFill style={{ background: "repeating-linear-gradient(0deg, rgba(0,0,0,0.25) 0px, rgba(0,0,0,0.25) 2px, transparent 2px, transparent 5px)", pointerEvents: "none" }} />
    </AbsoluteFill>
  );
}

function TitleText({ color, chars = TITLE_AE06D5B4.length }: { color: string; chars?: number }) {
  return (
    <div style={{ width: "100%", height: "100%", display: "flex", justifyContent: "center", alignItems: "center", fontSize: 150, fontWeight: 900, fontFamily: "monospace", letterSpacing: 6, color }}>
      {TITLE_AE06D5B4.slice(0, chars)}
    </div>
  );
}

const Blink = () => {
  const frame = useCurrentFrame();
  return <AbsoluteFill style={{ justifyContent: "flex-end", alignItems: "center", color: "#00E5FF", fontSize: 36, fontFamily: "monospace", opacity: frame < 10 ? 1 : 0 }}>{"> ACCESS GRANTED_"}</AbsoluteFill>;
};
