import { builtinDefinitions } from "../../workflows";
import { LoginLimiter } from "../auth/login-limiter";
import { SessionStore } from "../auth/sessions";
import { systemClock, type Clock } from "../clock";
import type { Database } from "../db/client";
import { DossierService } from "./dossiers";
import { PeopleService } from "./people";
import type { StepHook } from "./step-hooks";
import { taskHook } from "./task-hook";
import { TaskService } from "./tasks";
import { UnitService } from "./units";
import { WorkflowRegistry } from "./workflow-registry";

/** Everything routes need, built once at boot and read from `c.var.services`. */
export type Services = {
  database: Database;
  clock: Clock;
  registry: WorkflowRegistry;
  dossiers: DossierService;
  units: UnitService;
  people: PeopleService;
  sessions: SessionStore;
  limiter: LoginLimiter;
  tasks: TaskService;
  config: { codePrefix: string; production: boolean; trustProxy: boolean };
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
};

/** Migrates the database, installs the built-in definitions and wires the services together. */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { database } = options;
  const { db } = database;
  const clock = options.clock ?? systemClock;
  await database.migrate();
  const registry = new WorkflowRegistry(db, clock);
  await registry.installBuiltins(builtinDefinitions);
  // Tasks first: later hooks (deadlines, timers) may read or fill the tasks this step opened.
  const hooks: StepHook[] = [taskHook];
  const codePrefix = options.codePrefix ?? "KT";
  const dossiers = new DossierService(db, registry, clock, hooks, codePrefix);
  const sessions = new SessionStore(db, options.sessionClock ?? clock);
  const units = new UnitService(db, clock);
  const people = new PeopleService(db, clock, units, sessions);
  return {
    database,
    clock,
    registry,
    dossiers,
    units,
    people,
    sessions,
    limiter: new LoginLimiter(db, clock),
    tasks: new TaskService(db, registry, clock),
    config: { codePrefix, production: options.production ?? false, trustProxy: options.trustProxy ?? false },
  };
}
