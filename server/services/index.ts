import { builtinDefinitions } from "../../workflows";
import { systemClock, type Clock } from "../clock";
import type { Database } from "../db/client";
import { DossierService } from "./dossiers";
import type { StepHook } from "./step-hooks";
import { WorkflowRegistry } from "./workflow-registry";

/** Everything routes need, built once at boot and read from `c.var.services`. */
export type Services = {
  database: Database;
  clock: Clock;
  registry: WorkflowRegistry;
  dossiers: DossierService;
  config: { codePrefix: string; production: boolean };
};

export type ServiceOptions = {
  database: Database;
  clock?: Clock;
  codePrefix?: string;
  production?: boolean;
};

/** Migrates the database, installs the built-in definitions and wires the services together. */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const { database } = options;
  const clock = options.clock ?? systemClock;
  await database.migrate();
  const registry = new WorkflowRegistry(database.db, clock);
  await registry.installBuiltins(builtinDefinitions);
  const hooks: StepHook[] = [];
  const codePrefix = options.codePrefix ?? "KT";
  const dossiers = new DossierService(database.db, registry, clock, hooks, codePrefix);
  return { database, clock, registry, dossiers, config: { codePrefix, production: options.production ?? false } };
}
