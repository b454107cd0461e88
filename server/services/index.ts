import { OneStopService } from "./one-stop";
import { builtinForms } from "../../forms";
import { builtinDefinitions } from "../../workflows";
import { LoginLimiter } from "../auth/login-limiter";
import { SessionStore } from "../auth/sessions";
import { systemClock, type Clock } from "../clock";
import type { Database } from "../db/client";
import type { BlobStorage } from "../storage/blob-storage";
import { MemoryBlobStorage } from "../storage/memory-blob-storage";
import { AttachmentService } from "./attachments";
import { spawnChildren, tellParent } from "./child-dossiers";
import { DomainPacks } from "./domain-packs";
import { DossierReads } from "./dossier-reads";
import { DossierService } from "./dossiers";
import { dueDateNotice } from "./due-date-notice";
import { establishUnit } from "./establish-unit";
import { campaignPack } from "./funds/campaigns";
import { fundPack } from "./funds/pack";
import { plansPack, reportsPack } from "./plans-pack";
import { foundingPack } from "./founding-pack";
import { dissolutionPack } from "./dissolution-pack";
import { StepPipeline } from "./step-pipeline";
import { closeTasks, openTask } from "./task-effects";
import { DocumentService } from "./documents";
import { PublicStatusService } from "./public-status";
import { PublicRateLimiter } from "../auth/public-rate-limit";
import { FundService } from "./funds/fund-service";
import { FundLedger } from "./funds/ledger";
import { FundYearlyDuties } from "./funds/yearly-duties";
import { FormChecks } from "./form-checks";
import { FormRegistry } from "./form-registry";
import { CalendarService } from "./calendar";
import { DashboardService } from "./dashboard";
import { ProcedurePunctuality } from "./procedure-punctuality";
import { RatingService } from "./ratings";
import { ApiKeyStore } from "../auth/api-keys";
import { WebhookService } from "./webhooks";
import { DeadlineService } from "./deadlines";
import { grantRecipients } from "./grant-recipients";
import { LogMailer, type Mailer } from "./mailer";
import { NotificationService } from "./notifications";
import { PeopleService } from "./people";
import type { Recipients } from "./recipients";
import { PlanService } from "./plans";
import { reportDueDates } from "./report-due-dates";
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
  dossierReads: DossierReads;
  documents: DocumentService;
  publicStatus: PublicStatusService;
  publicLimiter: PublicRateLimiter;
  units: UnitService;
  people: PeopleService;
  sessions: SessionStore;
  limiter: LoginLimiter;
  tasks: TaskService;
  dashboard: DashboardService;
  procedures: ProcedurePunctuality;
  ratings: RatingService;
  apiKeys: ApiKeyStore;
  webhooks: WebhookService;
  calendar: CalendarService;
  deadlines: DeadlineService;
  timers: TimerService;
  notifications: NotificationService;
  mailer: Mailer;
  config: { codePrefix: string; production: boolean; trustProxy: boolean; maxUploadBytes: number };
  plans: PlanService;
  funds: FundService;
  fundDuties: FundYearlyDuties;
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
  // Domain packs: what funds and plans add to the generic engine. Definitions may only name the
  // computations a pack provides (a 422 at publication, not a 500 at the step) and forms that exist.
  const packs = new DomainPacks();
  const registry = new WorkflowRegistry(db, clock, () => forms.keys(), () => packs.computationNames());
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_MB * 1024 * 1024;
  const attachments = new AttachmentService(db, options.storage ?? new MemoryBlobStorage(), clock, maxUploadBytes);
  const calendar = new CalendarService(db, clock);
  await calendar.seed();
  const timers = new TimerService(calendar, options.reminderDays ?? [3, 1]);
  const deadlines = new DeadlineService(db, calendar, clock, timers);
  const mailer = options.mailer ?? new LogMailer();
  const webhooks = new WebhookService(db, clock);
  const notifications = new NotificationService(db, clock, options.recipients ?? grantRecipients, mailer, (tx, ids, at) => webhooks.enqueue(tx, ids, at));
  const documents = new DocumentService(db);
  const ledger = new FundLedger(db, clock);
  const funds = new FundService(db, clock, registry, ledger);
  const plans = new PlanService(db, clock);
  const oneStop = new OneStopService(calendar, deadlines, documents, registry);
  packs.register(oneStop.pack());
  packs.register(fundPack(funds, ledger)).register(campaignPack()).register(plansPack(plans, reportDueDates(calendar, registry))).register(reportsPack).register(foundingPack(calendar, registry)).register(dissolutionPack);
  await registry.installBuiltins(builtinDefinitions);
  // One applier per effect of the pure core; the order they run in is the order of `stepEffects`.
  const pipeline = new StepPipeline(
    {
      closeTasks,
      openTask,
      moveClocks: deadlines.moveClocks,
      cancelTimers: timers.cancelTimers,
      planTimers: timers.planTimers,
      planDatedTimers: timers.planDatedTimers,
      issueDocument: documents.issueDocument,
      issueReceipt: oneStop.issueReceipt,
      apologize: oneStop.apologize,
      establishUnit,
      notify: notifications.notify,
      dueDateNotice: dueDateNotice(calendar),
      spawnChildren,
      tellParent,
    },
    packs,
  );
  const codePrefix = options.codePrefix ?? "KT";
  const checks = new FormChecks(forms, attachments);
  const dossiers = new DossierService(db, registry, clock, pipeline, packs, codePrefix, forms, checks, attachments);
  const dossierReads = new DossierReads(db, registry, clock, packs, (id, via) => deadlines.forInstance(id, via));
  const sessions = new SessionStore(db, options.sessionClock ?? clock);
  const units = new UnitService(db, clock);
  const people = new PeopleService(db, clock, units, sessions);
  return {
    database,
    clock,
    registry,
    forms,
    attachments,
    dossiers,
    dossierReads,
    documents,
    publicStatus: new PublicStatusService(db, registry, deadlines),
    publicLimiter: new PublicRateLimiter(db, options.sessionClock ?? clock),
    units,
    people,
    sessions,
    limiter: new LoginLimiter(db, clock),
    tasks: new TaskService(db, registry, clock, calendar),
    dashboard: new DashboardService(db, registry, clock, calendar),
    procedures: new ProcedurePunctuality(db, registry, clock, calendar),
    ratings: new RatingService(db, clock),
    apiKeys: new ApiKeyStore(db, clock),
    webhooks,
    calendar,
    deadlines,
    timers,
    notifications,
    mailer,
    plans,
    funds,
    fundDuties: new FundYearlyDuties(db, registry, dossiers),
    config: { codePrefix, production: options.production ?? false, trustProxy: options.trustProxy ?? false, maxUploadBytes },
  };
}
