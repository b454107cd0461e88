/**
 * Officials' inbox: my tasks, my unit's, or those I finished, each tab with its count from the server;
 * it opens where the work is (my tab when I hold tasks, else the unit's when it has unclaimed ones).
 * Filtered by procedure, step, overdue, unclaimed and text; sorted soonest due first (overdue on top)
 * or newest first; each task with its due badge and claim / release / delegate.
 */
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError, post, query } from "../lib/api";
import { showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { useSession } from "../lib/session";
import { useApi } from "../lib/use-api";
import type { DelegateCandidates, InboxCounts, Page, Task, WorkflowDetail, WorkflowSummary } from "../lib/types";
import { roleNames } from "../lib/words";
import { Dialog } from "../components/Dialog";
import { DueBadge } from "../components/DueBadge";
import { ErrorNotice, isMissing, Loading, Notice, PageHeader } from "../components/Notice";
import { Pager } from "../components/Pager";

type Claimer = Task["claimedBy"] | { id: string; displayName: string };

function claimerOf(task: Task): { id: string; displayName: string } | null {
  const c = task.claimedBy as Claimer;
  if (!c) return null;
  return typeof c === "string" ? { id: c, displayName: task.claimedByName ?? "" } : c;
}

function DelegateDialog({ task, onClose, onDone }: { task: Task; onClose(): void; onDone(): void }) {
  const { t, lang, loc } = useI18n();
  const people = useApi<DelegateCandidates>(`/api/tasks/${task.id}/candidates`);
  const [userId, setUserId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const list = people.data?.items ?? [];
  const others = list.filter((p) => !p.current);
  return (
    <Dialog labelledBy="delegate-title" onClose={onClose} className="dialog">
        <h2 id="delegate-title">{t("delegateTo")}</h2>
        <p className="muted">
          <span className="code">{task.code}</span> · {task.title}
        </p>
        <ErrorNotice error={people.error} />
        {error && <Notice kind="error">{error}</Notice>}
        {people.loading && !people.data && <Loading />}
        {people.data && (
          <fieldset className="delegate-list">
            <legend className="field-label">
              {t("delegateHint", { role: loc(roleNames[people.data.task.role] ?? people.data.task.role).toLowerCase(), unit: people.data.task.unitName ?? "" })}
            </legend>
            {others.length === 0 && <p className="muted">{t("delegateNone")}</p>}
            {list.map((p) => (
              <label key={p.id} className={`delegate-option${p.current ? " is-current" : ""}`}>
                <input type="radio" name="delegate-user" value={p.id} checked={userId === p.id} disabled={p.current} onChange={() => setUserId(p.id)} />
                <span>
                  <strong>{p.displayName}</strong> <span className="muted small">{p.username}</span>
                  {(p.current || p.self) && (
                    <span className="muted small"> · {[p.current ? t("currentHolder") : null, p.self ? t("you") : null].filter(Boolean).join(", ")}</span>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="form-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t("cancel")}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!userId}
            onClick={async () => {
              try {
                await post(`/api/tasks/${task.id}/delegate`, { userId });
                onDone();
              } catch (e) {
                setError(e instanceof ApiError ? (lang === "en" && e.messageEn) || e.message : String(e));
              }
            }}
          >
            {t("delegate")}
          </button>
        </div>
    </Dialog>
  );
}

type Scope = "mine" | "unit" | "done";

/** The tab to open on when the address names none: mine if I hold work, else the unit's if it has unclaimed tasks. */
export function openingTab(counts: InboxCounts): Scope {
  return counts.mine === 0 && counts.unclaimed > 0 ? "unit" : "mine";
}

export default function Inbox() {
  const { t, loc, lang } = useI18n();
  const { me, has } = useSession();
  const [params, setParams] = useSearchParams();
  const counts = useApi<InboxCounts>("/api/tasks/counts");
  const asked = params.get("scope");
  // Decided once from the first counts: claiming a task must not move the page to another tab.
  const [opened, setOpened] = useState<Scope | null>(null);
  useEffect(() => {
    if (!opened && counts.data) setOpened(openingTab(counts.data));
  }, [opened, counts.data]);
  const scope: Scope | null = asked === "mine" || asked === "unit" || asked === "done" ? asked : (opened ?? (counts.error ? "mine" : null));
  const filters = {
    mine: scope === "mine" ? "true" : undefined,
    done: scope === "done" ? "true" : undefined,
    workflow: params.get("workflow") ?? undefined,
    state: params.get("state") ?? undefined,
    overdue: scope !== "done" && params.get("overdue") === "1" ? "true" : undefined,
    unclaimed: scope !== "done" && params.get("unclaimed") === "1" ? "true" : undefined,
    sort: scope !== "done" && params.get("sort") === "newest" ? "newest" : undefined,
    q: params.get("q") ?? undefined,
    page: Number(params.get("page") ?? 1),
  };
  const [onPhone] = useState(() => typeof window !== "undefined" && window.matchMedia?.("(max-width: 640px)").matches === true);
  const filtered = !!(filters.workflow || filters.state || filters.overdue || filters.unclaimed || filters.q);
  const [search, setSearch] = useState(filters.q ?? "");
  const [actionError, setActionError] = useState<string | null>(null);
  const [delegating, setDelegating] = useState<Task | null>(null);
  // Nothing is listed until the tab is known: the counts decide it when the address names none.
  const tasks = useApi<Page<Task>>(scope ? `/api/tasks${query({ ...filters, pageSize: 20 })}` : null);
  const workflows = useApi<{ items: WorkflowSummary[] }>("/api/workflows");
  const detail = useApi<WorkflowDetail>(filters.workflow ? `/api/workflows/${encodeURIComponent(filters.workflow)}` : null);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    // The tab shown stays in the address once anything changes, so reloading keeps it.
    if (scope && !next.get("scope")) next.set("scope", scope);
    for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };
  const reloadAll = async () => {
    await Promise.all([tasks.reload(), counts.reload()]);
  };

  const act = async (task: Task, what: "claim" | "release") => {
    setActionError(null);
    try {
      await post(`/api/tasks/${task.id}/${what}`);
    } catch (e) {
      setActionError(e instanceof ApiError ? (lang === "en" && e.messageEn) || e.message : String(e));
    }
    await reloadAll();
  };

  const tab = (value: Scope, label: string, count: number | undefined, extra?: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${value}`}
      aria-selected={scope === value}
      aria-controls="inbox-panel"
      className={`tab${scope === value ? " active" : ""}`}
      onClick={() => set({ scope: value })}
    >
      {label}
      {count !== undefined && (
        <span className="tab-count" aria-label={`: ${t("tabCount", { n: count })}${extra ? `, ${extra}` : ""}`}>
          <span aria-hidden="true">{count}</span>
        </span>
      )}
      {extra && (
        <span className="tab-extra small" aria-hidden="true">
          {extra}
        </span>
      )}
    </button>
  );

  const items = tasks.data?.items ?? [];
  const isLeader = has("leader");
  return (
    <div>
      <PageHeader title={t("inbox")} subtitle={me ? t("welcome", { name: me.displayName }) : undefined} />
      <div className="tabs inbox-tabs" role="tablist" aria-label={t("inbox")}>
        {tab("mine", t("mine"), counts.data?.mine)}
        {tab("unit", t("unitTasks"), counts.data?.unit, counts.data?.unclaimed ? t("unclaimedCount", { n: counts.data.unclaimed }) : undefined)}
        {tab("done", t("doneTab"), counts.data?.done)}
      </div>
      {/* On a phone the filters fold away, so the tasks (or the empty state's hint) come first. */}
      <details className="inbox-filter-box" open={!onPhone || filtered || !!filters.sort}>
        <summary className="inbox-filter-summary">{t("filtersAndSort")}</summary>
      <form
        className="filters card inbox-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || null });
        }}
      >
        <div className="filter">
          <label htmlFor="f-q" className="field-label">{t("search")}</label>
          <input id="f-q" className="input" placeholder={t("searchPlaceholder")} value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor="f-wf" className="field-label">{t("procedure")}</label>
          <select id="f-wf" className="input select" value={filters.workflow ?? ""} onChange={(e) => set({ workflow: e.target.value || null, state: null })}>
            <option value="">{t("allWorkflows")}</option>
            {(workflows.data?.items ?? []).map((w) => (
              <option key={w.key} value={w.key}>{loc(w.title)}</option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-state" className="field-label">{t("step")}</label>
          <select id="f-state" className="input select" value={filters.state ?? ""} disabled={!detail.data} onChange={(e) => set({ state: e.target.value || null })}>
            <option value="">{t("allStates")}</option>
            {(detail.data?.states ?? [])
              .filter((s) => s.kind !== "final" && s.assignee?.role !== "applicant")
              .map((s) => (
                <option key={s.name} value={s.name}>{loc(s.title) || s.name}</option>
              ))}
          </select>
        </div>
        {scope !== "done" && (
          <div className="filter">
            <label htmlFor="f-sort" className="field-label">{t("sortLabel")}</label>
            <select id="f-sort" className="input select" value={filters.sort ?? "due"} onChange={(e) => set({ sort: e.target.value === "newest" ? "newest" : null })}>
              <option value="due">{t("sortDue")}</option>
              <option value="newest">{t("sortNewest")}</option>
            </select>
          </div>
        )}
        {scope !== "done" && (
          <div className="filter filter-checks">
            <label className="check">
              <input type="checkbox" checked={params.get("overdue") === "1"} onChange={(e) => set({ overdue: e.target.checked ? "1" : null })} /> {t("overdueOnly")}
            </label>
            <label className="check">
              <input type="checkbox" checked={params.get("unclaimed") === "1"} onChange={(e) => set({ unclaimed: e.target.checked ? "1" : null })} /> {t("unclaimedOnly")}
            </label>
          </div>
        )}
        <button type="submit" className="btn btn-primary filter-go">{t("search")}</button>
      </form>
      </details>
      {actionError && <Notice kind="error">{actionError}</Notice>}
      {isMissing(tasks.error) ? <Notice kind="warning">{t("unavailable")}</Notice> : <ErrorNotice error={tasks.error} />}
      {(tasks.loading || !scope) && !tasks.data && <Loading />}
      <div id="inbox-panel" role="tabpanel" aria-labelledby={scope ? `tab-${scope}` : undefined}>
      {tasks.data && items.length === 0 && (
        <EmptyInbox
          scope={scope ?? "mine"}
          filtered={filtered}
          counts={counts.data}
          onUnit={() => set({ scope: "unit", unclaimed: null })}
          onClear={() => {
            setSearch("");
            set({ workflow: null, state: null, overdue: null, unclaimed: null, q: null });
          }}
        />
      )}
      {items.length > 0 && (
        <div className="table-wrap card">
          <table className="table responsive inbox-table">
            <caption className="sr-only">{t("inbox")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("code")}</th>
                <th scope="col">{t("title")}</th>
                <th scope="col">{t("step")}</th>
                <th scope="col">{scope === "done" ? t("closedOn") : t("due")}</th>
                {scope !== "done" && <th scope="col">{t("claimedBy")}</th>}
                {scope !== "done" && <th scope="col"><span className="sr-only">{t("actions")}</span></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((task) => {
                const claimer = claimerOf(task);
                const mine = claimer?.id === me?.id;
                return (
                  <tr key={task.id} className={task.overdue ? "row-overdue" : undefined}>
                    <td data-label={t("code")}>
                      <Link className="code" to={`/dossiers/${task.dossierId}`}>{task.code}</Link>
                      <div className="muted small">{showDate(task.createdAt)}</div>
                    </td>
                    <td data-label={t("title")}>
                      <Link to={`/dossiers/${task.dossierId}`} className="cell-title">{task.title ?? task.code}</Link>
                      {task.parentTitle && <div className="small">{task.parentTitle}</div>}
                      <div className="muted small">{loc(task.workflowTitle)}</div>
                    </td>
                    <td data-label={t("step")}>
                      <div>{loc(task.stateTitle) || task.state}</div>
                      <div className="muted small">
                        {task.unitName ?? ""} · {loc(roleNames[task.role] ?? task.role)}
                      </div>
                    </td>
                    {scope === "done" ? (
                      <td data-label={t("closedOn")}>{showDate(task.closedAt)}</td>
                    ) : (
                      <td data-label={t("due")}>
                        <DueBadge info={{ due: task.due, daysLeft: task.daysLeft, overdue: task.overdue, paused: task.paused === true }} />
                      </td>
                    )}
                    {scope !== "done" && (
                      <td data-label={t("claimedBy")}>{claimer ? <span className={mine ? "me" : undefined}>{claimer.displayName || "—"}</span> : <span className="muted">{t("unclaimed")}</span>}</td>
                    )}
                    {scope !== "done" && (
                      <td className="row-actions">
                        {!claimer && !task.closedAt && task.role !== "applicant" && (
                          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void act(task, "claim")}>{t("claim")}</button>
                        )}
                        {claimer && (mine || isLeader) && (
                          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void act(task, "release")}>{t("release")}</button>
                        )}
                        {(!claimer || mine || isLeader) && task.role !== "applicant" && (
                          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setDelegating(task)}>{t("delegate")}</button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {tasks.data && <Pager page={tasks.data.page} pageSize={tasks.data.pageSize} total={tasks.data.total} onPage={(p) => set({ page: String(p) })} />}
      </div>
      {delegating && (
        <DelegateDialog
          task={delegating}
          onClose={() => setDelegating(null)}
          onDone={() => {
            setDelegating(null);
            void reloadAll();
          }}
        />
      )}
    </div>
  );
}

/** The empty state of a tab: what it means, and where the work is instead. */
function EmptyInbox({ scope, filtered, counts, onUnit, onClear }: { scope: Scope; filtered: boolean; counts: InboxCounts | undefined; onUnit(): void; onClear(): void }) {
  const { t } = useI18n();
  if (filtered) {
    return (
      <div className="empty">
        <p className="empty-title">{t("emptyFiltered")}</p>
        <button type="button" className="btn btn-secondary" onClick={onClear}>{t("clearFilters")}</button>
      </div>
    );
  }
  const unclaimed = counts?.unclaimed ?? 0;
  const [title, hint] =
    scope === "mine" ? [t("emptyMine"), unclaimed > 0 ? t("emptyMineHint", { n: unclaimed }) : t("emptyMineQuiet")] : scope === "unit" ? [t("emptyUnit"), t("emptyUnitHint")] : [t("emptyDone"), t("emptyDoneHint")];
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      <p className="muted">{hint}</p>
      {scope === "mine" && unclaimed > 0 && (
        <button type="button" className="btn btn-primary" onClick={onUnit}>{t("openUnitTab")}</button>
      )}
    </div>
  );
}
