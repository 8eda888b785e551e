// Translucent groups (opacity below 1, so takumi draws each into a layer and composites it at
// its opacity) over a varied backdrop: gradients, text, a box shadow, overlapping groups,
// nested groups, widths that are no multiple of 8 and odd offsets. Drawn by the unpatched
// takumi-raster into opacity-groups.png (480x270, frame 0).
import { AbsoluteFill } from "remotion";

const card = (left: number, top: number, width: number, opacity: number, hue: number) => (
  <div
    style={{
      position: "absolute",
      left,
      top,
      width,
      height: 93,
      opacity,
      borderRadius: 14,
      padding: 9,
      background: `linear-gradient(${hue}deg, hsla(${hue}, 80%, 60%, 0.85), rgba(255, 255, 255, 0.2))`,
      boxShadow: "0 6px 18px rgba(15, 23, 42, 0.35)",
      color: "#0b1020",
      fontSize: 17,
      fontWeight: 700,
    }}
  >
    Opacity {opacity}
    <div style={{ marginTop: 6, width: width / 2 + 3, height: 21, borderRadius: 6, opacity: 0.61, backgroundColor: "rgba(250, 250, 250, 0.7)" }} />
  </div>
);

export default function OpacityGroups() {
  return (
    <AbsoluteFill style={{ background: "linear-gradient(117deg, #1e3a8a, #f472b6 55%, #fde68a)" }}>
      <div style={{ position: "absolute", left: 7, top: 190, fontSize: 44, fontWeight: 800, color: "rgba(255,255,255,0.8)" }}>
        Backdrop text
      </div>
      {card(13, 11, 203, 0.37, 20)}
      {card(151, 47, 181, 0.9999949, 200)}
      {card(297, 29, 157, 0.5, 120)}
      {card(61, 129, 341, 0.083, 280)}
    </AbsoluteFill>
  );
}
