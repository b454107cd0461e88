/**
 * A JSON text editor with line numbers, where problems are marked on their lines (from the server's
 * JSON pointers, or the parser's position) and listed below; choosing one moves the cursor there.
 */
import { useMemo, useRef } from "react";
import type { FieldProblem } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { lineOf, pointerOffsets } from "./json-positions";

export type EditorProblem = FieldProblem & { line?: number };

export function parseJson(text: string): { value?: unknown; error?: { message: string; line: number } } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const lineM = /line (\d+)/.exec(message);
    const line = lineM ? Number(lineM[1]) : pos ? text.slice(0, Number(pos[1])).split("\n").length : 1;
    return { error: { message, line } };
  }
}

export function JsonEditor({ id, label, value, onChange, problems, rows = 24 }: { id: string; label: string; value: string; onChange(v: string): void; problems: EditorProblem[]; rows?: number }) {
  const { t, lang } = useI18n();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split("\n").length;
  const located = useMemo(() => {
    const offsets = pointerOffsets(value);
    return problems.map((p) => ({ ...p, line: p.line ?? lineOf(value, p.path, offsets) }));
  }, [problems, value]);
  const bad = new Set(located.map((p) => p.line));

  const jump = (line: number) => {
    const el = area.current;
    if (!el) return;
    const start = value.split("\n").slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    el.focus();
    el.setSelectionRange(start, start + (value.split("\n")[line - 1]?.length ?? 0));
    const lineHeight = 20;
    el.scrollTop = Math.max(0, (line - 5) * lineHeight);
  };

  return (
    <div className="json-editor">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className={`code-frame${located.length ? " has-problems" : ""}`}>
        <div className="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <div key={i} className={bad.has(i + 1) ? "gutter-line bad" : "gutter-line"}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id={id}
          ref={area}
          className="code-area"
          spellCheck={false}
          rows={rows}
          value={value}
          aria-invalid={located.length > 0}
          aria-describedby={`${id}-problems`}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={(e) => {
            if (e.key === "Tab" && !e.shiftKey) {
              e.preventDefault();
              const el = e.currentTarget;
              const s = el.selectionStart;
              onChange(value.slice(0, s) + "  " + value.slice(el.selectionEnd));
              requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
            }
          }}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
      <div id={`${id}-problems`} className="editor-problems" aria-live="polite">
        {located.length === 0 ? (
          <p className="ok small">✓ {t("noProblems")}</p>
        ) : (
          <>
            <strong>{t("problems")} ({located.length})</strong>
            <ul>
              {located.map((p, i) => (
                <li key={i}>
                  <button type="button" className="btn-link" onClick={() => jump(p.line)}>
                    {lang === "en" ? "line" : "dòng"} {p.line}
                  </button>{" "}
                  {p.path && <code>{p.path}</code>} {(lang === "en" && p.messageEn) || p.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
