/** Two small SVG-free charts in plain HTML/CSS: horizontal bars, and a share bar (on time vs overdue). */
import type { ReactNode } from "react";

export function Bars({ rows, max, label }: { rows: Array<{ key: string; label: ReactNode; value: number; tone?: string }>; max?: number; label: string }) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="bars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key} className="bar-row">
          <span className="bar-label">{r.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className={`bar-fill ${r.tone ?? ""}`} style={{ width: `${(r.value / top) * 100}%` }} />
          </span>
          <span className="bar-value">{r.value.toLocaleString("vi-VN")}</span>
        </li>
      ))}
    </ul>
  );
}

export function ShareBar({ ok, late, labelOk, labelLate }: { ok: number; late: number; labelOk: string; labelLate: string }) {
  const total = ok + late;
  const pct = total ? ok / total : 1;
  return (
    <span className="share" role="img" aria-label={`${labelOk}: ${ok}, ${labelLate}: ${late}`}>
      <span className="share-ok" style={{ width: `${pct * 100}%` }} />
      <span className="share-late" style={{ width: `${(1 - pct) * 100}%` }} />
    </span>
  );
}
