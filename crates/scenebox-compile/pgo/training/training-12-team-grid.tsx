// scene: Meet-the-team grid with photos popping in on a diagonal stagger
// exercises: import from remotion (Img, staticFile), import { useMemo } from react, spring(delay, config damping/mass), interpolate(clamp), interpolateColors, grid layout, initials fallback, interface, optional property, helper-before-default
// component: Scene_E14B7A30
import { useMemo } from 'react';
import { AbsoluteFill, Img, staticFile, spring, interpolate, interpolateColors, useCurrentFrame, useVideoConfig } from 'remotion';

interface Member {
  name: string;
  role: string;
  photo?: string;
}

const TEAM_E14B7A30: Member[] = [
  { name: "Sofia Reyes", role: "CEO", photo: "team/sofia.jpg" },
  { name: "Tom Becker", role: "CTO", photo: "team/tom.jpg" },
  { name: "Aiko Tanaka", role: "Design Lead" },
  { name: "Omar Haddad", role: "Engineering", photo: "team/omar.jpg" },
  { name: "Grace Liu", role: "Marketing" },
  { name: "Noah Kim", role: "Customer Success", photo: "team/noah.jpg" },
  { name: "Ines Costa", role: "Data" },
  { name: "Ben Walker", role: "Sales", photo: "team/ben.jpg" },
];

const COLS_E14B7A30 = 4;

const initials = (name: string) =>
  name
    .split(" ")
    .map((part) => part[0])
    .join("")
    .toUpperCase();

function MemberCard({ member, col, row }: { member: Member; col: number; row: number }) {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const s = spring({ frame, fps, delay: (col + row) * 7, config: { damping: 13, mass: 0.8 } });
  const ring = interpolateColors(s, [0, 1], ["#E2E8F0", "#6366F1"]);
  return (
    <div style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: 16, opacity: s, transform: `translateY(${(1 - s) * 60}px) scale(${0.8 + s * 0.2})` }}>
      <div style={{ width: 200, height: 200, borderRadius: 100, padding: 6, background: ring }}>
        {member.photo ? (
          <Img src={staticFile(member.photo)} style={{ width: "100%", height: "100%", borderRadius: 100, objectFit: "cover" }} />
        ) : (
          <div style={{ width: "100%", height: "100%", borderRadius: 100, background: "#EEF2FF", display: "flex", justifyContent: "center", alignItems: "center", fontSize: 64, fontWeight: 800, color: "#4338CA" }}>
            {initials(member.name)}
          </div>
        )}
      </div>
      <div style={{ fontSize: 34, fontWeight: 700, color: "#0F172A" }}>{member.name}</div>
      <div style={{ fontSize: 24, color: "#64748B" }}>{member.role}</div>
    </div>
  );
}

export default function Scene_E14B7A30() {
  const frame = useCurrentFrame();
  const cells = useMemo(() => TEAM_E14B7A30.map((m, i) => ({ m, col: i % COLS_E14B7A30, row: Math.floor(i / COLS_E14B7A30) })), []);
  const heading = interpolate(frame, [0, 18], [0, 1], { extrapolateRight: "clamp" });
  return (
    <AbsoluteFill style={{ backgroundColor: "#F8FAFC", alignItems: "center", paddingTop: 70 }}>
      <h1 style={{ fontSize: 76, margin: 0, color: "#0F172A", opacity: heading, letterSpacing: -1 }}>Meet the team</h1>
      <div style={{ display: "grid", gridTemplateColumns: `repeat(${COLS_E14B7A30}, 320px)`, rowGap: 60, marginTop: 60 }}>
        {cells.map(({ m, col, row }) => (
          <MemberCard key={m.name} member={m} col={col} row={row} />
        ))}
      </div>
    </AbsoluteFill>
  );
}
