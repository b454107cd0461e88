/**
 * The dossier's way so far, in plain words: each step it entered with the date, the current one
 * marked. Read from the history and the workflow's states as the API gives them.
 */
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { Dossier, WorkflowDetail } from "../lib/types";

const names = (v: string[] | string | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

export type Reached = { state: string; at: string; current: boolean };

/** The steps entered, in order, with when; a step entered again is listed again (sent back, resubmitted). */
export function reachedSteps(dossier: Dossier): Reached[] {
  const steps: Reached[] = [];
  for (const h of dossier.history) {
    const from = names(h.from);
    for (const state of names(h.to).filter((s) => !from.includes(s))) steps.push({ state, at: h.at, current: false });
  }
  const active = new Set(dossier.activeStates);
  // Only the latest entry of each active state is "now".
  const seen = new Set<string>();
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (active.has(s.state) && !seen.has(s.state)) {
      s.current = dossier.status !== "done";
      seen.add(s.state);
    }
  }
  return steps;
}

export function ProgressLine({ dossier, workflow }: { dossier: Dossier; workflow: WorkflowDetail | undefined }) {
  const { t, loc } = useI18n();
  const steps = reachedSteps(dossier);
  if (!workflow || steps.length === 0) return null;
  const title = (name: string) => loc(workflow.states.find((s) => s.name === name)?.title) || name;
  return (
    <section className="card progress-card" aria-labelledby="progress-title">
      <h2 id="progress-title">{t("progress")}</h2>
      <ol className="progress-line">
        {steps.map((s, i) => (
          <li key={i} className={s.current ? "is-current" : "is-past"} aria-current={s.current ? "step" : undefined}>
            <span className="progress-dot" aria-hidden="true" />
            <span className="progress-title">{title(s.state)}</span>
            <span className="progress-date">
              {showDate(s.at)}
              {s.current && <> · {t("progressNow")}</>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
