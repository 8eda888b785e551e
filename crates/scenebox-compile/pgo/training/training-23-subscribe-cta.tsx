// scene: YouTube-style subscribe end card with a cursor click and bell
// exercises: window.Remotion (top-level destructure), window.RemotionShapes (Star, Circle), window.RemotionGoogleFonts.loadFont, window.LucideIcons (Bell, MousePointer2), spring(config damping/stiffness), interpolate(clamp, easing) with multi-point ranges, Easing.inOut(Easing.quad), interpolateColors, Img(staticFile), helper-before-default, _ID constants
// component: Scene_C3E9A6D0
const { AbsoluteFill, Img, staticFile, useCurrentFrame, useVideoConfig, interpolate, interpolateColors, spring, Easing } = window.Remotion;

const { fontFamily: FONT_C3E9A6D0 } = window.RemotionGoogleFonts.loadFont("Poppins", { weights: ["600", "800"] });
const CLICK_AT_C3E9A6D0 = 55;

const Sparkle = ({ angle, distance }: { angle: number; distance: number }) => {
  const frame = useCurrentFrame();
  const { Star } = window.RemotionShapes;
  const t = interpolate(frame - CLICK_AT_C3E9A6D0, [0, 20], [0, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const rad = (angle * Math.PI) / 180;
  return (
    <div style={{ position: "absolute", left: Math.cos(rad) * distance * t, top: Math.sin(rad) * distance * t, opacity: 1 - t }}>
      <Star points={5} innerRadius={8} outerRadius={20} fill="#FDE047" />
    </div>
  );
};

export default function Scene_C3E9A6D0() {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const { Bell, MousePointer2 } = window.LucideIcons;
  const { Circle } = window.RemotionShapes;
  const cardIn = spring({ frame, fps, config: { damping: 13, stiffness: 100 } });
  const cursorX = interpolate(frame, [10, 45, 80, 100], [600, 90, 90, 330], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.inOut(Easing.quad) });
  const cursorY = interpolate(frame, [10, 45, 80, 100], [300, 40, 40, 40], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.inOut(Easing.quad) });
  const press = interpolate(frame, [CLICK_AT_C3E9A6D0 - 3, CLICK_AT_C3E9A6D0, CLICK_AT_C3E9A6D0 + 4], [1, 0.9, 1], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const subscribed = frame >= CLICK_AT_C3E9A6D0;
  const btnColor = interpolateColors(frame, [CLICK_AT_C3E9A6D0, CLICK_AT_C3E9A6D0 + 6], ["#FF0000", "#3F3F46"]);
  const ring = Math.max(0, Math.sin((frame - 100) / 2.5)) * (frame > 100 ? 18 : 0);

  return (
    <AbsoluteFill style={{ backgroundColor: "#18181B", justifyContent: "center", alignItems: "center", fontFamily: FONT_C3E9A6D0 }}>
      <div style={{ display: "flex", alignItems: "center", gap: 60, transform: `scale(${cardIn})` }}>
        <Img src={staticFile("channel-avatar.png")} style={{ width: 220, height: 220, borderRadius: 110, border: "8px solid #27272A" }} />
        <div>
          <div style={{ fontSize: 72, fontWeight: 800, color: "white" }}>Pixel Kitchen</div>
          <div style={{ fontSize: 32, color: "#A1A1AA", marginBottom: 30 }}>New recipe videos every Friday</div>
          <div style={{ position: "relative", display: "flex", alignItems: "center", gap: 24 }}>
            <div style={{ position: "relative", padding: "22px 56px", borderRadius: 999, background: btnColor, color: "white", fontSize: 40, fontWeight: 800, transform: `scale(${press})` }}>
              {subscribed ? "SUBSCRIBED" : "SUBSCRIBE"}
              <div style={{ position: "absolute", left: "50%", top: "50%" }}>
                {[0, 60, 120, 180, 240, 300].map((a) => (
                  <Sparkle key={a} angle={a} distance={170} />
                ))}
              </div>
            </div>
            <div style={{ position: "relative", width: 90, height: 90, display: "flex", justifyContent: "center", alignItems: "center", transform: `rotate(${ring}deg)` }}>
              <div style={{ position: "absolute" }}>
                <Circle radius={45} fill={frame > 100 ? "#3F3F46" : "transparent"} />
              </div>
              <Bell size={52} color="white" fill={frame > 100 ? "white" : "none"} />
            </div>
            <div style={{ position: "absolute", left: cursorX, top: cursorY, pointerEvents: "none" }}>
              <MousePointer2 size={64} color="white" fill="#18181B" />
            </div>
          </div>
        </div>
      </div>
    </AbsoluteFill>
  );
}
