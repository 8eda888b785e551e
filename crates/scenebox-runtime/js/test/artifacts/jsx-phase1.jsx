const { AbsoluteFill, useCurrentFrame, interpolate } = window.Remotion;
const { LucideIcons, RemotionShapes, Rough } = window;
const gen = Rough.generator({ options: { seed: 7 } });
const rect = gen.rectangle(10, 10, 80, 40, { roughness: 1.5, seed: 7 });
const roughPaths = gen.toPaths(rect);
function Scene() {
  const frame = useCurrentFrame();
  const x: number = interpolate(frame, [0, 60], [0, 300]);
  return (
    <AbsoluteFill style={{ transform: `translateX(${x}px)` }}>
      <>
        <LucideIcons.Star size={24} />
        <RemotionShapes.Triangle length={100} direction="up" fill="green" />
        <svg width={100} height={60}>{roughPaths.map((p, i) => <path key={i} d={p.d} stroke={p.stroke} fill={p.fill ?? 'none'} />)}</svg>
      </>
    </AbsoluteFill>
  );
}
return Scene;
