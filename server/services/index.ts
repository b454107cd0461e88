import { builtinForms } from "../../forms";
import { builtinDefinitions } from "../../workflows";
import { LoginLimiter } from "../auth/login-limiter";
import { SessionStore } from "../auth/sessions";
import { systemClock, type Clock } from "../clock";
import type { Database } from "../db/client";
import type { BlobStorage } from "../storage/blob-storage";
import { MemoryBlobStorage } from "../storage/memory-blob-storage";
import { AttachmentService } from "./attachments";
import { childDossierHook } from "./child-dossiers";
import { DocumentService } from "./documents";
import { PublicStatusService } from "./public-status";
import { PublicRateLimiter } from "../auth/public-rate-limit";
import { DossierService, type Computation } from "./dossiers";
import { fundDossierHook, FUND_WORKFLOW } from "./funds/dossier-hook";
import { FundService } from "./funds/fund-service";
import { FundLedger } from "./funds/ledger";
import { withServerLineIds } from "./funds/line-ids";
import { FormChecks } from "./form-checks";
import { FormRegistry } from "./form-registry";
import { CalendarService } from "./calendar";
import { DashboardService } from "./dashboard";
import { DeadlineService } from "./deadlines";
import { grantRecipients } from "./grant-recipients";
import { LogMailer, type Mailer } from "./mailer";
import { NotificationService } from "./notifications";
import { PeopleService } from "./people";
import type { Recipients } from "./recipients";
import { PlanService } from "./plans";
import { reportDueDates } from "./report-due-dates";
import { ReportTimers } from "./report-timers";
import type { StepHook } from "./step-hooks";
import { taskHook } from "./task-hook";
import { unitFoundingHook } from "./unit-founding";
import { TaskService } from "./tasks";
import { TimerService } from "./timers";
import { UnitService } from "./units";
import { WorkflowRegistry } from "./workflow-registry";

/** Everything routes need, built once at boot and read from `c.var.services`. */
export type Services = {
  database: Database;
  clock: Clock;
  registry: WorkflowRegistry;
  forms: FormRegistry;
  attachments: AttachmentService;
  dossiers: DossierService;
  documents: DocumentService;
  publicStatus: PublicStatusService;
  publicLimiter: PublicRateLimiter;
  units: UnitService;
  people: PeopleService;
  sessions: SessionStore;
  limiter: LoginLimiter;
  tasks: TaskService;
  dashboard: DashboardService;
  calendar: CalendarService;
  deadlines: DeadlineService;
  timers: TimerService;
  notifications: NotificationService;
  mailer: Mailer;
  config: { codePrefix: string; production: boolean; trustProxy: boolean; maxUploadBytes: number };
  plans: PlanService;
  funds: FundService;
};

export type ServiceOptions = {
  database: Database;
  clock?: Clock;
  codePrefix?: string;
  production?: boolean;
  trustProxy?: boolean;
  /**
   * The clock sessions expire by; defaults to `clock`. Tests that move the dossier clock by days pass the
   * system clock here, so that signed-in test users stay signed in.
   */
  sessionClock?: Clock;
  /** Where uploaded files go: `main.ts` passes the data folder's; tests default to memory. */
  storage?: BlobStorage;
  /** Largest accepted upload, in bytes (default 20 MB). */
  maxUploadBytes?: number;
  /** Working days before a due date on which reminders go out (default 3 and 1). */
  reminderDays?: readonly number[];
  mailer?: Mailer;
  recipients?: Recipients;
};

export const DEFAULT_MAX_UPLOAD_MB = 20;

/** Migrates the database, installs the built-in forms and definitions and wires the services together. */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { database } = options;
  const { db } = database;
  const clock = options.clock ?? systemClock;
  await database.migrate();
  const forms = new FormRegistry(db, clock);
  await forms.installBuiltins(builtinForms);
  // What transitions' `compute` lists may name: a definition naming another one is refused (422), not a 500 at its step.
  const computations: Record<string, Computation> = {
    planSummary: (tx, row, at) => plans.compile(row, tx, { at }),
    reportDueDates: (tx, row, at) => reportDueDates(calendar, registry)(tx, row, at),
  };
  // Definitions may only name forms that exist, built-in ones included.
  const registry = new WorkflowRegistry(db, clock, () => forms.keys(), () => new Set(Object.keys(computations)));
  await registry.installBuiltins(builtinDefinitions);
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_MB * 1024 * 1024;
  const attachments = new AttachmentService(db, options.storage ?? new MemoryBlobStorage(), clock, maxUploadBytes);
  const calendar = new CalendarService(db, clock);
  await calendar.seed();
  const timers = new TimerService(calendar, options.reminderDays ?? [3, 1]);
  const deadlines = new DeadlineService(db, calendar, clock, timers);
  const mailer = options.mailer ?? new LogMailer();
  const notifications = new NotificationService(db, clock, options.recipients ?? grantRecipients, mailer);
  // Order matters: tasks first, then clocks (they fill the due dates of the tasks just opened), then
  // timers, then the outbox (its recipients are the holders of the tasks just opened).
  const documents = new DocumentService(db);
  // Report reminders last: their timers are cancelled like the state's own when it is left.
  const hooks: StepHook[] = [taskHook, deadlines.hook, timers.hook, documents.hook, unitFoundingHook, notifications.hook, new ReportTimers(calendar).hook];
  const codePrefix = options.codePrefix ?? "KT";
  const checks = new FormChecks(forms, attachments, db);
  const dossiers = new DossierService(db, registry, clock, hooks, codePrefix, forms, checks, attachments, (id, via) => deadlines.forInstance(id, via));
  hooks.push(childDossierHook);
  const ledger = new FundLedger(db, clock);
  const funds = new FundService(db, clock, registry, ledger);
  // Before the outbox is dispatched nothing leaves the transaction, so the ledger's refusal rolls the step back.
  hooks.push(fundDossierHook(ledger));
  dossiers.registerFacts(FUND_WORKFLOW, (via, row, at) => funds.facts(via, row, at));
  dossiers.registerDataRule(FUND_WORKFLOW, withServerLineIds);
  // The specialist's clearances name what a line matched (another programme, an earlier payout).
  dossiers.registerOfficialOnly(FUND_WORKFLOW, { data: ["$clearances"], events: ["CLEAR_FLAG"] });
  const sessions = new SessionStore(db, options.sessionClock ?? clock);
  const units = new UnitService(db, clock);
  const people = new PeopleService(db, clock, units, sessions);
  const plans = new PlanService(db, clock);
  for (const [name, computation] of Object.entries(computations)) dossiers.registerComputation(name, computation);
  return {
    database,
    clock,
    registry,
    forms,
    attachments,
    dossiers,
    documents,
    publicStatus: new PublicStatusService(db, registry, deadlines),
    publicLimiter: new PublicRateLimiter(options.sessionClock ?? clock),
    units,
    people,
    sessions,
    limiter: new LoginLimiter(db, clock),
    tasks: new TaskService(db, registry, clock, calendar),
    dashboard: new DashboardService(db, registry, clock, calendar),
    calendar,
    deadlines,
    timers,
    notifications,
    mailer,
    plans,
    funds,
    config: { codePrefix, production: options.production ?? false, trustProxy: options.trustProxy ?? false, maxUploadBytes },
  };
}
