/**
 * A workflow drawn as a picture: states as boxes laid out top-down by dagre, transitions as arrows
 * labelled with their action, the dossier's current states highlighted and the states it passed
 * through tinted. Nested and parallel states are drawn as frames around their children.
 *
 * It opens at natural size (12 px step names, readable on a phone too) in a scrolling frame that the
 * keyboard can reach; zoom buttons (and +, −, 0 in the frame) shrink it to the whole picture or enlarge it.
 */
import { Graph, layout } from "@dagrejs/dagre";
import { useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "../lib/i18n";
import type { DiagramState } from "../lib/types";

type Props = {
  states: DiagramState[];
  active?: string[];
  visited?: string[];
  initial?: string | undefined;
  label?: string;
  showEvents?: boolean;
  /** Kept for callers: every diagram now opens at natural size. */
  natural?: boolean;
};

/** Zoom steps; 1 is natural size. Below ½ the step names are no longer text but texture. */
const ZOOMS = [0.4, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];

const LINE = 15;
const CHARS = 24;

function wrap(text: string, width = CHARS, maxLines = 3): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if ((line + " " + w).trim().length > width && line) {
      lines.push(line);
      line = w;
    } else line = (line + " " + w).trim();
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = kept[maxLines - 1]!.replace(/.{0,1}$/, "…");
    return kept;
  }
  return lines;
}

export function WorkflowDiagram({ states, active = [], visited = [], initial, label, showEvents = true }: Props) {
  const { loc, lang } = useI18n();
  const arrowId = `arrow${useId().replace(/:/g, "")}`;
  const frame = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  /** The point of the picture at the frame's centre, kept there across a zoom. */
  const centre = useRef<{ x: number; y: number } | null>(null);
  const drawn = useMemo(() => {
    const byName = new Map(states.map((s) => [s.name, s]));
    const parents = new Set(states.map((s) => s.parent).filter((p): p is string => !!p));
    const leafOf = (name: string): string => {
      if (!parents.has(name)) return name;
      const child = states.find((s) => s.parent === name);
      return child ? leafOf(child.name) : name;
    };
    const g = new Graph({ compound: true, multigraph: true });
    g.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 46, edgesep: 12, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const s of states) {
      const title = loc(s.title) || s.name;
      if (parents.has(s.name)) {
        g.setNode(s.name, { label: title, clusterLabelPos: "top", paddingTop: 24 });
      } else {
        const lines = wrap(title);
        g.setNode(s.name, { width: 200, height: lines.length * LINE + 22, lines });
      }
    }
    for (const s of states) if (s.parent && byName.has(s.parent)) g.setParent(s.name, s.parent);
    let n = 0;
    for (const s of states) {
      for (const t of s.transitions) {
        if (!byName.has(t.target)) continue;
        const text = showEvents ? loc(t.title) || t.event : "";
        const from = leafOf(s.name);
        const to = leafOf(t.target);
        g.setEdge(from, to, { label: text, width: text ? Math.min(text.length, 22) * 6.2 : 0, height: text ? 14 : 0, labelpos: "c", self: from === to }, `e${n++}`);
      }
    }
    layout(g);
    const graph = g.graph() as { width?: number; height?: number };
    return { g, width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), parents };
  }, [states, loc, showEvents]);

  const { g, width, height, parents } = drawn;
  const activeSet = new Set(active);
  const visitedSet = new Set(visited);
  const nameOf = (s: string) => loc(states.find((x) => x.name === s)?.title) || s;
  const summary = label ?? (lang === "en" ? `Workflow diagram. Current step: ${active.map(nameOf).join(", ") || "none"}` : `Sơ đồ quy trình. Bước hiện tại: ${active.map(nameOf).join(", ") || "không có"}`);

  const fitZoom = () => {
    const room = (frame.current?.clientWidth ?? width) - 8;
    return width > 0 ? Math.min(1, room / width) : 1;
  };
  const zoomTo = (next: number) => {
    const f = frame.current;
    if (f) centre.current = { x: (f.scrollLeft + f.clientWidth / 2) / zoom, y: (f.scrollTop + f.clientHeight / 2) / zoom };
    // "Whole diagram" may go below the smallest step: on a phone the whole of a big workflow is an overview.
    setZoom(Math.min(ZOOMS[ZOOMS.length - 1]!, Math.max(Math.min(ZOOMS[0]!, fitZoom()), next)));
  };
  const zoomOut = () => zoomTo([...ZOOMS].reverse().find((z) => z < zoom - 0.001) ?? ZOOMS[0]!);
  const zoomIn = () => zoomTo(ZOOMS.find((z) => z > zoom + 0.001) ?? zoom);
  // At natural size a wide workflow does not fit: open with the current step in view.
  const firstActive = active[0];
  useLayoutEffect(() => {
    const f = frame.current;
    const n = firstActive ? (g.node(firstActive) as unknown as { x: number; y: number } | undefined) : undefined;
    if (!f || !n) return;
    f.scrollLeft = n.x * zoom - f.clientWidth / 2;
    f.scrollTop = n.y * zoom - f.clientHeight / 2;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [g, firstActive]);
  useLayoutEffect(() => {
    const f = frame.current;
    const c = centre.current;
    if (!f || !c) return;
    centre.current = null;
    f.scrollLeft = c.x * zoom - f.clientWidth / 2;
    f.scrollTop = c.y * zoom - f.clientHeight / 2;
  }, [zoom]);

  const words =
    lang === "en"
      ? { frame: "Workflow diagram", tools: "Diagram zoom", out: "Zoom out", in: "Zoom in", fit: "Whole diagram", natural: "Actual size" }
      : { frame: "Sơ đồ quy trình", tools: "Thu phóng sơ đồ", out: "Thu nhỏ", in: "Phóng to", fit: "Xem toàn bộ", natural: "Cỡ thật" };

  return (
    <div className="diagram-box">
      <div className="diagram-tools" role="toolbar" aria-label={words.tools}>
        <button type="button" className="btn btn-ghost btn-sm" onClick={zoomOut} disabled={zoom <= ZOOMS[0]!} aria-label={words.out} title={words.out}>
          −
        </button>
        <output className="diagram-zoom" aria-live="polite">
          {Math.round(zoom * 100)}%
        </output>
        <button type="button" className="btn btn-ghost btn-sm" onClick={zoomIn} disabled={zoom >= ZOOMS[ZOOMS.length - 1]!} aria-label={words.in} title={words.in}>
          +
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => zoomTo(fitZoom())}>
          {words.fit}
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => zoomTo(1)} disabled={zoom === 1}>
          {words.natural}
        </button>
      </div>
      <div
        ref={frame}
        className="diagram"
        // Focusable so that the keyboard can scroll it, and zoom it: + and − step, 0 is natural size.
        tabIndex={0}
        role="group"
        aria-label={words.frame}
        onKeyDown={(e) => {
          if (e.ctrlKey || e.metaKey || e.altKey) return;
          const act = e.key === "+" || e.key === "=" ? zoomIn : e.key === "-" ? zoomOut : e.key === "0" ? () => zoomTo(1) : null;
          if (!act) return;
          e.preventDefault();
          act();
        }}
      >
        <svg role="img" aria-label={summary} width={Math.round(width * zoom)} height={Math.round(height * zoom)} viewBox={`0 0 ${width} ${height}`} xmlns="http://www.w3.org/2000/svg">
          <defs>
            <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#7b8794" />
            </marker>
          </defs>
          {[...parents].map((p) => {
            const n = g.node(p) as unknown as { x: number; y: number; width: number; height: number; label: string } | undefined;
            if (!n) return null;
            return (
              <g key={p} className="cluster">
                <rect x={n.x - n.width / 2} y={n.y - n.height / 2} width={n.width} height={n.height} rx={10} />
                <text x={n.x - n.width / 2 + 10} y={n.y - n.height / 2 + 16}>{n.label}</text>
              </g>
            );
          })}
          {g.edges().map((e) => {
            const edge = g.edge(e) as unknown as { points: Array<{ x: number; y: number }>; label: string; x?: number; y?: number };
            const pts = edge.points ?? [];
            if (pts.length < 2) return null;
            const d = pts.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
            const hot = activeSet.has(e.v);
            return (
              <g key={e.name} className={hot ? "edge edge-hot" : "edge"}>
                <path d={d} markerEnd={`url(#${arrowId})`} />
                {edge.label && edge.x !== undefined && edge.y !== undefined && (
                  <text x={edge.x} y={edge.y + 4} textAnchor="middle" className="edge-label">
                    {edge.label.length > 24 ? edge.label.slice(0, 23) + "…" : edge.label}
                  </text>
                )}
              </g>
            );
          })}
          {states
            .filter((s) => !parents.has(s.name))
            .map((s) => {
              const n = g.node(s.name) as unknown as { x: number; y: number; width: number; height: number; lines: string[] } | undefined;
              if (!n) return null;
              const cls = ["node", activeSet.has(s.name) ? "node-active" : visitedSet.has(s.name) ? "node-visited" : "", s.kind === "final" ? "node-final" : "", s.name === initial ? "node-initial" : ""].join(" ");
              return (
                <g key={s.name} className={cls}>
                  <rect x={n.x - n.width / 2} y={n.y - n.height / 2} width={n.width} height={n.height} rx={s.kind === "final" ? n.height / 2 : 8} />
                  {n.lines.map((line, i) => (
                    <text key={i} x={n.x} y={n.y - ((n.lines.length - 1) * LINE) / 2 + i * LINE + 4} textAnchor="middle">
                      {line}
                    </text>
                  ))}
                </g>
              );
            })}
        </svg>
      </div>
    </div>
  );
}
