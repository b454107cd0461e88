/**
 * Small SVG charts, no chart library: horizontal bars, a stacked share bar and a ring for one rate.
 * Each chart has a text alternative (the numbers sit next to the shapes or in `aria-label`).
 */
import type { ReactNode } from "react";
import { showPercent } from "../lib/format";

export type Tone = "blue" | "green" | "amber" | "red" | "grey";
const FILL: Record<Tone, string> = { blue: "#1763a6", green: "#1d7a46", amber: "#d08a12", red: "#b42318", grey: "#9aa6b2" };

/** Horizontal bars with the label left and the count right, one row per item. */
export function Bars({ rows, max, label }: { rows: Array<{ key: string; label: ReactNode; value: number; tone?: Tone }>; max?: number; label: string }) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="bars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key} className="bar-row">
          <span className="bar-label">{r.label}</span>
          <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect x="0" y="0" width="100" height="10" rx="2" fill="#eef1f4" />
            <rect x="0" y="0" width={Math.max(r.value > 0 ? 1.5 : 0, (r.value / top) * 100)} height="10" rx="2" fill={FILL[r.tone ?? "blue"]} />
          </svg>
          <span className="bar-value">{r.value.toLocaleString("vi-VN")}</span>
        </li>
      ))}
    </ul>
  );
}

/** One bar split into parts (e.g. done on time, done late, overdue, open), with a legend kept outside. */
export function StackedBar({ parts, label }: { parts: Array<{ key: string; value: number; tone: Tone; label: string }>; label: string }) {
  const total = parts.reduce((n, p) => n + p.value, 0);
  let x = 0;
  return (
    <svg
      className="stack-svg"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      // Without a label the bar only repeats numbers shown next to it.
      {...(label ? { role: "img", "aria-label": `${label}: ${parts.map((p) => `${p.label} ${p.value}`).join(", ")}` } : { "aria-hidden": true })}
    >
      <rect x="0" y="0" width="100" height="10" fill="#eef1f4" />
      {total > 0 &&
        parts.map((p) => {
          const w = (p.value / total) * 100;
          const rect = <rect key={p.key} x={x} y="0" width={w} height="10" fill={FILL[p.tone]} />;
          x += w;
          return rect;
        })}
    </svg>
  );
}

/** The legend of a `StackedBar`. */
export function Legend({ items }: { items: Array<{ key: string; tone: Tone; label: string }> }) {
  return (
    <ul className="legend">
      {items.map((i) => (
        <li key={i.key}>
          <svg width="10" height="10" aria-hidden="true" focusable="false">
            <rect width="10" height="10" rx="2" fill={FILL[i.tone]} />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** A ring showing one rate (0–1) with the percentage in the middle; grey with a dash when there is none. */
export function Ring({ rate, label, size = 112 }: { rate: number | null; label: string; size?: number }) {
  const r = 42;
  const c = 2 * Math.PI * r;
  const tone: Tone = rate === null ? "grey" : rate >= 0.9 ? "green" : rate >= 0.7 ? "amber" : "red";
  const text = rate === null ? "—" : showPercent(rate);
  return (
    <svg className="ring" width={size} height={size} viewBox="0 0 100 100" role="img" aria-label={`${label}: ${text}`}>
      <circle cx="50" cy="50" r={r} fill="none" stroke="#eef1f4" strokeWidth="11" />
      {rate !== null && (
        <circle cx="50" cy="50" r={r} fill="none" stroke={FILL[tone]} strokeWidth="11" strokeDasharray={`${rate * c} ${c}`} transform="rotate(-90 50 50)" strokeLinecap={rate > 0 && rate < 1 ? "round" : "butt"} />
      )}
      <text x="50" y="55" textAnchor="middle" className="ring-text">
        {text}
      </text>
    </svg>
  );
}
