// scene: Code editor typing a TypeScript snippet with syntax colours and a blinking caret
// exercises: import from remotion, import React from react, generics (<T,> arrow and function), type alias union, Record type, non-null assertion !, regex tokenizer, interpolate(clamp), spring, Sequence(from), helper-before-default, durationInFrames export
// component: Scene_C6A18F0B
import React from 'react';
import { AbsoluteFill, Sequence, interpolate, spring, useCurrentFrame, useVideoConfig } from 'remotion';

type TokenKind = "kw" | "str" | "num" | "fn" | "plain" | "comment";
type Token = { kind: TokenKind; text: string };

const PALETTE_C6A18F0B: Record<TokenKind, string> = {
  kw: "#C792EA",
  str: "#C3E88D",
  num: "#F78C6C",
  fn: "#82AAFF",
  plain: "#D6DEEB",
  comment: "#637777",
};

const SOURCE_C6A18F0B = [
  "// fetch a user and greet them",
  "async function greet(id: number) {",
  "  const res = await fetch(`/api/users/${id}`);",
  "  const user = await res.json();",
  "  return `Hello, ${user.name}!`;",
  "}",
  "",
  "greet(42).then(console.log);",
];

const KEYWORDS_C6A18F0B = new Set(["async", "function", "const", "await", "return"]);

const tokenize = (line: string): Token[] => {
  if (line.trimStart().startsWith("//")) return [{ kind: "comment", text: line }];
  const parts = line.match(/(`[^`]*`|"[^"]*"|\d+|\w+|\s+|[^\w\s])/g) ?? [];
  return parts.map((p, i): Token => {
    if (KEYWORDS_C6A18F0B.has(p)) return { kind: "kw", text: p };
    if (/^[`"]/.test(p)) return { kind: "str", text: p };
    if (/^\d+$/.test(p)) return { kind: "num", text: p };
    if (/^\w+$/.test(p) && parts[i + 1] === "(") return { kind: "fn", text: p };
    return { kind: "plain", text: p };
  });
};

const clampSlice = <T,>(items: T[], count: number): T[] => items.slice(0, Math.max(0, count));

function takeChars(tokens: Token[], budget: number): Token[] {
  const out: Token[] = [];
  let left = budget;
  for (const t of tokens) {
    if (left <= 0) break;
    out.push({ ...t, text: t.text.slice(0, left) });
    left -= t.text.length;
  }
  return out;
}

const Line = ({ text, typed, num }: { text: string; typed: number; num: number }) => {
  const tokens = takeChars(tokenize(text), typed);
  return (
    <div style={{ display: "flex", height: 54, alignItems: "center" }}>
      <span style={{ width: 70, color: "#4B5563", textAlign: "right", marginRight: 36 }}>{num}</span>
      <span style={{ whiteSpace: "pre" }}>
        {tokens.map((t, i) => (
          <span key={i} style={{ color: PALETTE_C6A18F0B[t.kind], fontStyle: t.kind === "comment" ? "italic" : "normal" }}>
            {t.text}
          </span>
        ))}
      </span>
    </div>
  );
};

export default function Scene_C6A18F0B() {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const windowIn = spring({ frame, fps, config: { damping: 200 } });
  const totalChars = SOURCE_C6A18F0B.reduce((n, l) => n + l.length + 1, 0);
  const typed = Math.floor(interpolate(frame, [15, 125], [0, totalChars], { extrapolateLeft: "clamp", extrapolateRight: "clamp" }));

  let remaining = typed;
  const lines = SOURCE_C6A18F0B.map((text) => {
    const shown = Math.min(remaining, text.length);
    remaining -= text.length + 1;
    return shown;
  });
  const activeLine = Math.max(0, lines.findIndex((n, i) => n < SOURCE_C6A18F0B[i]!.length));
  const caretOn = Math.floor(frame / 15) % 2 === 0;

  return (
    <AbsoluteFill style={{ background: "linear-gradient(135deg, #1F2937, #030712)", justifyContent: "center", alignItems: "center" }}>
      <div style={{ width: 1500, borderRadius: 22, overflow: "hidden", background: "#011627", boxShadow: "0 40px 100px rgba(0,0,0,0.6)", transform: `scale(${0.9 + windowIn * 0.1})`, opacity: windowIn }}>
        <div style={{ display: "flex", gap: 12, padding: "20px 26px", background: "#0B2942" }}>
          {["#FF5F57", "#FEBC2E", "#28C840"].map((c) => (
            <div key={c} style={{ width: 20, height: 20, borderRadius: 10, background: c }} />
          ))}
          <span style={{ marginLeft: 20, color: "#7FDBCA", fontSize: 24, fontFamily: "monospace" }}>greet.ts</span>
        </div>
        <div style={{ padding: "30px 40px", fontFamily: "'JetBrains Mono', monospace", fontSize: 34 }}>
          {clampSlice(SOURCE_C6A18F0B, activeLine + 1).map((text, i) => (
            <div key={i} style={{ position: "relative" }}>
              <Line text={text} typed={lines[i]} num={i + 1} />
              {i === activeLine && caretOn ? <span style={{ position: "absolute", top: 10, left: 106 + lines[i] * 20.4, width: 3, height: 36, background: "#FFCB6B" }} /> : null}
            </div>
          ))}
        </div>
      </div>
      <Sequence from={130}>
        <AbsoluteFill style={{ justifyContent: "flex-end", alignItems: "center", paddingBottom: 60 }}>
          <div style={{ color: "#C3E88D", fontSize: 36, fontFamily: "monospace" }}>{"> Hello, Ada!"}</div>
        </AbsoluteFill>
      </Sequence>
    </AbsoluteFill>
  );
}

export const durationInFrames_C6A18F0B = 160;
