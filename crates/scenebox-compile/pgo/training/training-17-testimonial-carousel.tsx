// scene: Testimonial carousel sliding three customer quotes with star ratings
// exercises: window.Remotion (inside components), window.React.Fragment, window.LucideIcons (Star, Quote), Series, slide transition, Easing.bezier, spring, interface, helper-after-default
// component: Scene_B57E2C09
interface Review {
  quote: string;
  name: string;
  company: string;
  stars: number;
  hue: number;
}

const REVIEWS_B57E2C09: Review[] = [
  { quote: "We shipped our launch video in a single afternoon. Unreal.", name: "Dana Whitfield", company: "Loop Labs", stars: 5, hue: 210 },
  { quote: "The templates look like a real studio made them.", name: "Rafael Moreno", company: "Brightside", stars: 5, hue: 150 },
  { quote: "Our social engagement doubled in the first month.", name: "Chen Wei", company: "Kettle & Co", stars: 4, hue: 330 },
];

const ReviewCard = ({ review }: { review: Review }) => {
  const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Easing } = window.Remotion;
  const frame = useCurrentFrame();
  const { fps, width } = useVideoConfig();
  const ease = Easing.bezier(0.65, 0, 0.35, 1);
  const slideIn = interpolate(frame, [0, 15], [width, 0], { extrapolateRight: "clamp", easing: ease });
  const slideOut = interpolate(frame, [45, 60], [0, -width], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: ease });
  const { Star, Quote } = window.LucideIcons;
  return (
    <AbsoluteFill style={{ justifyContent: "center", alignItems: "center", transform: `translateX(${slideIn + slideOut}px)` }}>
      <div style={{ width: 1300, padding: "80px 100px", borderRadius: 40, background: "white", boxShadow: `0 30px 80px hsla(${review.hue}, 60%, 40%, 0.25)`, position: "relative" }}>
        <Quote size={120} color={`hsl(${review.hue}, 70%, 85%)`} style={{ position: "absolute", top: -50, left: 60 }} />
        <div style={{ display: "flex", gap: 10, marginBottom: 30 }}>
          {Array.from({ length: 5 }, (_, i) => {
            const pop = spring({ frame: frame - 12 - i * 3, fps, config: { damping: 8 } });
            const filled = i < review.stars;
            return <Star key={i} size={48} color="#F59E0B" fill={filled ? "#F59E0B" : "none"} style={{ transform: `scale(${pop})` }} />;
          })}
        </div>
        <div style={{ fontSize: 60, lineHeight: 1.25, color: "#0F172A", fontWeight: 600 }}>“{review.quote}”</div>
        <Author review={review} />
      </div>
    </AbsoluteFill>
  );
};

export default function Scene_B57E2C09() {
  const { AbsoluteFill, Series } = window.Remotion;
  return (
    <AbsoluteFill style={{ background: "linear-gradient(120deg, #F1F5F9, #E2E8F0)" }}>
      <Series>
        {REVIEWS_B57E2C09.map((r) => (
          <Series.Sequence key={r.name} durationInFrames={60}>
            <ReviewCard review={r} />
          </Series.Sequence>
        ))}
      </Series>
    </AbsoluteFill>
  );
}

function Author({ review }: { review: Review }) {
  const initials = review.name.split(" ").map((p) => p.charAt(0)).join("");
  return (
    <window.React.Fragment>
      <div style={{ marginTop: 50, fontSize: 36, fontWeight: 700, color: `hsl(${review.hue}, 65%, 45%)` }}>{`${initials} · ${review.name}`}</div>
      <div style={{ fontSize: 28, color: "#64748B" }}>{review.company}</div>
    </window.React.Fragment>
  );
}
