// Two layers under blurs past sigma 135 (one downscale step, and two): takumi shrinks each
// layer, blurs it and scales it back up. tests/it/blur.rs draws frame 0 at 480x270 and compares
// it with blur-past-max-sigma.png, drawn by takumi-core 0.35.0 before scenebox's patch of that
// resampler (vendor/takumi-core/SCENEBOX.md).
import { AbsoluteFill } from "remotion";

export default function BlurPastMaxSigma() {
  return (
    <AbsoluteFill style={{ backgroundColor: "#101820" }}>
      <AbsoluteFill style={{ filter: "blur(150px)" }}>
        <div style={{ position: "absolute", left: 20, top: 30, width: 160, height: 110, backgroundColor: "#ff3366" }} />
        <div style={{ position: "absolute", left: 60, top: 160, width: 90, height: 90, borderRadius: 45, backgroundColor: "#ffcc00" }} />
      </AbsoluteFill>
      <AbsoluteFill style={{ filter: "blur(400px)" }}>
        <div style={{ position: "absolute", left: 280, top: 40, width: 180, height: 200, backgroundColor: "#33ccff" }} />
      </AbsoluteFill>
      <div style={{ position: "absolute", left: 200, top: 120, width: 80, height: 30, backgroundColor: "#ffffff" }} />
    </AbsoluteFill>
  );
}
