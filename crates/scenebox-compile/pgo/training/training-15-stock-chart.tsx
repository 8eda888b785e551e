// scene: Stock ticker card with candlesticks, moving average, volume bars and a price callout
// exercises: import React, { useMemo } from react, import from remotion (random, Easing, Sequence, interpolateColors), import from lucide-react (TrendingUp, TrendingDown, Clock), interfaces, type alias, generic helper, as const, non-null !, tuple types, SVG (linearGradient, clipPath, polyline, rect, line, text), strokeDasharray, spring(config), interpolate(clamp, extend, easing), Easing.bezier, Easing.inOut(Easing.sin), helper-before-default, helper-after-default, durationInFrames export, _ID constants
// component: Scene_F2C84D17
import React, { useMemo } from 'react';
import { AbsoluteFill, Sequence, spring, interpolate, interpolateColors, useCurrentFrame, useVideoConfig, Easing, random } from 'remotion';
import { TrendingUp, TrendingDown, Clock } from 'lucide-react';

interface Candle {
  open: number;
  close: number;
  high: number;
  low: number;
  volume: number;
}

type Range = [min: number, max: number];

const CHART_F2C84D17 = {
  width: 1280,
  height: 560,
  volumeHeight: 120,
  padding: 40,
  candles: 36,
} as const;

const SYMBOL_F2C84D17 = { ticker: "NOVA", name: "Nova Robotics Inc.", exchange: "NASDAQ" } as const;

const COLORS_F2C84D17 = {
  up: "#10B981",
  down: "#F43F5E",
  grid: "rgba(148,163,184,0.12)",
  ma: "#FBBF24",
  text: "#E2E8F0",
  muted: "#64748B",
};

function generateCandles(seed: string, count: number, start = 120): Candle[] {
  const out: Candle[] = [];
  let price = start;
  for (let i = 0; i < count; i++) {
    const drift = (random(`${seed}-d-${i}`) - 0.45) * 6;
    const open = price;
    const close = Math.max(10, open + drift);
    const high = Math.max(open, close) + random(`${seed}-h-${i}`) * 3;
    const low = Math.min(open, close) - random(`${seed}-l-${i}`) * 3;
    out.push({ open, close, high, low, volume: 200 + random(`${seed}-v-${i}`) * 800 });
    price = close;
  }
  return out;
}

function extent<T>(items: T[], ...pickers: Array<(item: T) => number>): Range {
  let min = Infinity;
  let max = -Infinity;
  for (const item of items) {
    for (const pick of pickers) {
      const v = pick(item);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return [min, max];
}

const movingAverage = (values: number[], window: number): Array<number | null> =>
  values.map((_, i) => {
    if (i < window - 1) return null;
    const slice = values.slice(i - window + 1, i + 1);
    return slice.reduce((a, b) => a + b, 0) / window;
  });

const Header: React.FC<{ last: number; change: number }> = ({ last, change }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const enter = spring({ frame, fps, config: { damping: 200 } });
  const up = change >= 0;
  const Arrow = up ? TrendingUp : TrendingDown;
  const shown = interpolate(frame, [0, 100], [last - change, last], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.bezier(0.33, 1, 0.68, 1) });
  return (
    <div style={{ display: "flex", alignItems: "flex-end", gap: 40, opacity: enter, transform: `translateY(${(1 - enter) * -30}px)` }}>
      <div>
        <div style={{ fontSize: 28, color: COLORS_F2C84D17.muted }}>
          {SYMBOL_F2C84D17.exchange}: {SYMBOL_F2C84D17.ticker}
        </div>
        <div style={{ fontSize: 64, fontWeight: 800, color: COLORS_F2C84D17.text }}>{SYMBOL_F2C84D17.name}</div>
      </div>
      <div style={{ marginLeft: "auto", textAlign: "right" }}>
        <div style={{ fontSize: 84, fontWeight: 700, color: COLORS_F2C84D17.text, fontVariantNumeric: "tabular-nums" }}>${shown.toFixed(2)}</div>
        <div style={{ display: "flex", alignItems: "center", justifyContent: "flex-end", gap: 10, fontSize: 32, color: up ? COLORS_F2C84D17.up : COLORS_F2C84D17.down }}>
          <Arrow size={34} />
          {`${up ? "+" : ""}${change.toFixed(2)} (${((change / (last - change)) * 100).toFixed(2)}%)`}
        </div>
      </div>
    </div>
  );
};

const Candles = ({ data, range }: { data: Candle[]; range: Range }) => {
  const frame = useCurrentFrame();
  const { width, height, padding, volumeHeight } = CHART_F2C84D17;
  const [min, max] = range;
  const plotH = height - volumeHeight - padding * 2;
  const step = (width - padding * 2) / data.length;
  const y = (v: number) => padding + (1 - (v - min) / (max - min)) * plotH;
  const maxVol = Math.max(...data.map((c) => c.volume));
  const ma = movingAverage(data.map((c) => c.close), 5);
  const maPoints = ma
    .map((v, i) => (v === null ? null : `${(padding + step * i + step / 2).toFixed(1)},${y(v).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(" ");
  const reveal = interpolate(frame, [10, 110], [0, width], { extrapolateLeft: "clamp", extrapolateRight: "clamp", easing: Easing.inOut(Easing.sin) });
  const maDraw = interpolate(frame, [60, 130], [3000, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });

  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <defs>
        <clipPath id="reveal-F2C84D17">
          <rect x={0} y={0} width={reveal} height={height} />
        </clipPath>
        <linearGradient id="vol-F2C84D17" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#818CF8" stopOpacity={0.7} />
          <stop offset="1" stopColor="#818CF8" stopOpacity={0.1} />
        </linearGradient>
      </defs>
      {[0, 0.25, 0.5, 0.75, 1].map((t) => {
        const gy = padding + t * plotH;
        const label = max - t * (max - min);
        return (
          <g key={t}>
            <line x1={padding} x2={width - padding} y1={gy} y2={gy} stroke={COLORS_F2C84D17.grid} strokeWidth={2} />
            <text x={width - padding + 8} y={gy + 6} fill={COLORS_F2C84D17.muted} fontSize={18}>
              {label.toFixed(0)}
            </text>
          </g>
        );
      })}
      <g clipPath="url(#reveal-F2C84D17)">
        {data.map((c, i) => {
          const x = padding + step * i;
          const up = c.close >= c.open;
          const color = up ? COLORS_F2C84D17.up : COLORS_F2C84D17.down;
          const bodyTop = y(Math.max(c.open, c.close));
          const bodyH = Math.max(2, Math.abs(y(c.open) - y(c.close)));
          const vh = (c.volume / maxVol) * volumeHeight;
          return (
            <g key={i}>
              <line x1={x + step / 2} x2={x + step / 2} y1={y(c.high)} y2={y(c.low)} stroke={color} strokeWidth={2} />
              <rect x={x + step * 0.18} y={bodyTop} width={step * 0.64} height={bodyH} fill={color} rx={2} />
              <rect x={x + step * 0.18} y={height - vh} width={step * 0.64} height={vh} fill="url(#vol-F2C84D17)" />
            </g>
          );
        })}
      </g>
      <polyline points={maPoints} fill="none" stroke={COLORS_F2C84D17.ma} strokeWidth={3} strokeDasharray={3000} strokeDashoffset={maDraw} />
    </svg>
  );
};

export default function Scene_F2C84D17() {
  const frame = useCurrentFrame();
  const candles = useMemo(() => generateCandles(SYMBOL_F2C84D17.ticker, CHART_F2C84D17.candles), []);
  const range = extent(candles, (c) => c.low, (c) => c.high);
  const last = candles[candles.length - 1]!;
  const first = candles[0]!;
  const change = last.close - first.open;
  const bg = interpolateColors(frame, [0, 150], ["#0B1020", "#111827"]);
  const pulse = interpolate(Math.sin(frame / 5), [-1, 1], [0.4, 1]);

  return (
    <AbsoluteFill style={{ backgroundColor: bg, padding: "70px 120px", gap: 40 }}>
      <Header last={last.close} change={change} />
      <div style={{ position: "relative", borderRadius: 28, background: "rgba(15,23,42,0.8)", border: "1px solid rgba(148,163,184,0.15)", padding: 20, alignSelf: "center" }}>
        <Candles data={candles} range={range} />
        <Sequence from={115} layout="none">
          <PriceTag price={last.close} up={change >= 0} pulse={pulse} />
        </Sequence>
      </div>
      <MarketFooter />
    </AbsoluteFill>
  );
}

function PriceTag({ price, up, pulse }: { price: number; up: boolean; pulse: number }) {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const s = spring({ frame, fps, config: { damping: 12, stiffness: 160 } });
  return (
    <div style={{ position: "absolute", right: -30, top: 60, padding: "14px 24px", borderRadius: 14, background: up ? COLORS_F2C84D17.up : COLORS_F2C84D17.down, color: "white", fontSize: 32, fontWeight: 700, transform: `scale(${s})`, boxShadow: `0 0 ${30 * pulse}px ${up ? COLORS_F2C84D17.up : COLORS_F2C84D17.down}` }}>
      {price.toFixed(2)}
    </div>
  );
}

const MarketFooter = () => (
  <div style={{ display: "flex", alignItems: "center", gap: 12, color: COLORS_F2C84D17.muted, fontSize: 24 }}>
    <Clock size={24} />
    Market open · delayed 15 min · MA(5) in yellow
  </div>
);

export const durationInFrames_F2C84D17 = 150;
