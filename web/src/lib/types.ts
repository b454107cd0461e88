/** The shapes the API answers with (design §7), as the web UI reads them. */

export type Localized = { vi: string; en?: string };
export type Role = "applicant" | "specialist" | "leader" | "accountant" | "admin";
export type Grant = { role: Role; unitId: string; unitName?: string };
export type Me = { id: string; username: string; displayName: string; grants: Grant[]; csrfToken?: string };

export type WorkflowSummary = {
  key: string;
  version: number;
  title: Localized;
  description: Localized | null;
  startForm: string | null;
  initial: string;
  source?: string[];
};
export type DiagramTransition = { event: string; target: string; title: Localized | null; form: string | null };
export type DiagramState = {
  name: string;
  title: Localized | null;
  parent: string | null;
  kind: string;
  assignee: { role?: string } | null;
  deadline: { workingDays?: number } | null;
  transitions: DiagramTransition[];
};
export type WorkflowDetail = WorkflowSummary & { definition: Record<string, unknown>; states: DiagramState[] };

export type FormDef = { key: string; version: number; title: Localized | string; schema: JsonSchema; uischema: UiElement };
export type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  title?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
};
export type UiElement = { type: string; scope?: string; label?: string | boolean; text?: string; elements?: UiElement[]; options?: Record<string, unknown>; rule?: unknown };

export type Deadline = { due: string | null; daysLeft: number | null; overdue: boolean; paused: boolean; remaining?: number; unit?: "workingDays" | "calendarDays" } | null;
export type HistoryEntry = {
  seq: number;
  type: string;
  actorId: string | null;
  actorName?: string | null;
  data: Record<string, unknown> | null;
  from: string[] | string | null;
  to: string[] | string | null;
  at: string;
  /** The form the step's data filled. */
  form?: { key: string; version: number } | null;
};
export type AvailableEvent = { type: string; title: Localized | null; form: string | null; target: string };
export type DocumentRef = { id: string; number?: string; title?: Localized | string; type?: string; issuedAt?: string; kind?: string };
export type DossierSummary = {
  id: string;
  code: string;
  title: string;
  workflow: string;
  workflowTitle: Localized;
  workflowVersion: number;
  state: string;
  stateTitle?: Localized | null;
  activeStates: string[];
  status: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deadline?: Deadline;
  unitId?: string | null;
  parentId?: string | null;
};
export type Dossier = DossierSummary & {
  data: Record<string, unknown>;
  history: HistoryEntry[];
  availableEvents: AvailableEvent[];
  deadline: Deadline;
  documents?: DocumentRef[];
  /** One-stop slips: the receipt with its return date, supplement requests, apologies. */
  oneStopPapers?: DocumentRef[];
};
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type Task = {
  id: string;
  dossierId: string;
  code: string;
  title?: string;
  /** A unit report's plan. */
  parentTitle?: string | null;
  workflow: string;
  workflowTitle: Localized;
  state: string;
  stateTitle: Localized | null;
  unitId: string;
  unitName?: string;
  role: Role;
  createdAt: string;
  due: string | null;
  daysLeft: number | null;
  overdue: boolean;
  /** The dossier's legal clock is paused (awaiting a supplement): no date to show. */
  paused?: boolean;
  /** Set in the "done by me" view. */
  closedAt?: string | null;
  claimedBy: string | null;
  claimedByName?: string | null;
};
/** `GET /api/tasks/counts`: how many tasks each inbox tab holds. */
export type InboxCounts = { mine: number; unit: number; unclaimed: number; overdue: number; done: number };
/** `GET /api/notifications`. */
export type AppNotification = { id: string; kind: string; title: string; body: string; instanceId: string | null; createdAt: string; readAt: string | null };
export type NotificationPage = Page<AppNotification> & { unread: number };
export type Unit = { id: string; name: string; parentId: string | null; kind: string; code?: string | null; retiredAt?: string | null; termFrom?: string | null };
export type Attachment = { id: string; name: string; size: number; mediaType: string; sha256?: string };
/** `GET /api/public/dossiers/:code`: nothing personal. */
export type PublicDossier = {
  code: string;
  procedure: Localized;
  step: Localized;
  status: "active" | "done";
  receivedAt: string | null;
  due: string | null;
  daysLeft: number | null;
  overdue: boolean;
  paused: boolean;
  resultNumber: string | null;
};

/** `GET /api/dashboard`: counted by the server over what the caller may see. */
export type DashboardFigures = {
  today: string;
  totals: { dossiers: number; active: number; done: number; overdueTasks: number; onTimeRate: number | null };
  byWorkflow: { workflow: string; title: Localized; total: number; active: number; done: number; states: { state: string; title: Localized | null; final: boolean; count: number }[] }[];
  units: { unitId: string; unitName: string; doneOnTime: number; doneLate: number; openOverdue: number; openOnTime: number; onTimeRate: number | null }[];
  overdue: { taskId: string; dossierId: string; code: string; title: string; stateTitle: Localized | null; unitName: string | null; due: string; daysLeft: number }[];
  year: number;
  procedures: ProcedureFigures[];
};

/** One procedure at one handling unit over `year` (Quyết định 766/QĐ-TTg). */
export type ProcedureFigures = {
  workflow: string;
  workflowTitle: Localized;
  unitId: string | null;
  unitName: string | null;
  finished: number;
  finishedOnTime: number;
  finishedLate: number;
  finishedWithoutDeadline: number;
  openOverdue: number;
  onTimeRate: number | null;
  ratings: Record<SatisfactionLevel, number>;
  satisfactionRate: number | null;
};

export type SatisfactionLevel = "very_satisfied" | "satisfied" | "unsatisfied";
/** `GET /api/instances/:id/rating`. */
export type DossierRating = { level: SatisfactionLevel; comment: string | null; createdAt: string };

/** `GET /api/tasks/:id/candidates`: who a task can be delegated to. */
export type DelegateCandidates = {
  task: { id: string; role: string; unitId: string; unitName: string | null; claimedBy: string | null };
  items: { id: string; username: string; displayName: string; current: boolean; self: boolean }[];
};

/** `GET /api/plans/:id/tracking`: where each participating unit's report stands. */
export type PlanTracking = {
  plan: { id: string; code: string; title: string; state: string };
  round: { key: string; title: string; dueDate: string; periodFrom: string; periodTo: string } | null;
  today: string;
  counts: { units: number; reported: number; accepted: number; review: number; sentBack: number; pending: number; late: number };
  units: {
    unitId: string;
    unitName: string;
    assignment: string;
    reportId: string | null;
    reportCode: string | null;
    status: "pending" | "sentBack" | "review" | "accepted" | "notStarted";
    late: boolean;
    submittedOn: string | null;
    sentBackCount: number;
    reminders: string[];
  }[];
};

/** `GET /api/plans/:id/summary`: the compiled round (frozen once submitted for approval). */
export type PlanSummaryView = {
  frozen: boolean;
  summary: {
    round: { key: string; title: string; dueDate: string } | null;
    compiledOn: string;
    indicators: { code: string; name: string; unitOfMeasure: string; target: number; actual: number; achievement: number | null; achievementText: string; byUnit: { unitId: string; unitName: string; actual: number | null }[] }[];
    units: { unitId: string; unitName: string; status: string; late: boolean; submittedOn: string | null; planned: number; spent: number | null }[];
    late: { unitId: string; unitName: string; submittedOn: string | null }[];
    missing: { unitId: string; unitName: string }[];
    budget: { planned: number; spent: number; remaining: number };
    counts: { units: number; accepted: number; late: number; missing: number };
  };
};
