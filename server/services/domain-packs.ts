import type { CompiledWorkflow, PackEffect, Step } from "../../workflows";
import type { Db, Tx } from "../db/client";
import type { instances } from "../db/schema";
import type { SessionUser } from "../identity";
import type { OfficialOnly } from "./official-only";
import type { EffectApplier } from "./step-pipeline";
import type { WorkflowVersion } from "./workflow-registry";

type InstanceRow = typeof instances.$inferSelect;

/**
 * A value the server computes inside a step's transaction for a transition's `compute` list (e.g. the
 * compiled summary of a plan's reports) from the dossier and the event's data (after its form passed);
 * it is added to the event's data, so history and replay keep it.
 */
export type Computation = (tx: Tx, row: InstanceRow, at: Date, event: Record<string, unknown>) => Promise<unknown>;

/**
 * Facts the server reads from its own tables for a dossier (e.g. the double-benefit flags of a fund
 * request), which conditions read as `$server.<name>`. They are computed at each step inside its
 * transaction (recorded with the event, so replay sees them) and stored with the dossier after it, so a
 * reader is offered the events they allow without recomputing them.
 */
export type ServerFacts = (via: Db | Tx, row: InstanceRow, at: Date) => Promise<Record<string, unknown>>;

/**
 * A workflow's own rule on the data a client sends (start, draft, event), after its form passed: answers
 * the data to step with (e.g. server-assigned line ids) or throws a 422. `before` is the dossier's data,
 * null at start. What it answers is what the history records, so replay sees the same.
 */
export type DataRule = (before: Record<string, unknown> | null, incoming: Record<string, unknown>) => Record<string, unknown>;

/**
 * What a domain (funds, plans, …) adds to the generic engine, in one place: the workflows it serves,
 * their server facts, data rule and official-only fields, the computations transitions may name, and
 * its own step effects (computed purely, from `workflows/<domain>`) with their appliers. The generic
 * server names no workflow key or state; it asks the pack of the dossier's workflow.
 */
export type DomainPack = {
  name: string;
  /**
   * Who may start a dossier of the pack's workflows with this start data (draft or not), inside the
   * start's transaction: throws a 403 or 422 (e.g. only a fund's officials open its campaigns).
   */
  starter?: (tx: Tx, user: SessionUser, data: Record<string, unknown>, workflow: WorkflowVersion) => Promise<void>;
  /** The workflow keys whose dossiers this pack serves. */
  workflows?: readonly string[];
  facts?: ServerFacts;
  dataRule?: DataRule;
  officialOnly?: OfficialOnly;
  /** Named values for transitions' `compute` lists, available to every workflow. */
  computations?: Readonly<Record<string, Computation>>;
  /** The pack's effects of a step (kinds `<pack>.<name>`), after the core's. */
  effects?: (wf: CompiledWorkflow, step: Step, event: { type: string; data: Record<string, unknown> | null }) => PackEffect[];
  appliers?: Readonly<Record<string, EffectApplier<PackEffect>>>;
};

/** The registered domain packs; a definition may only name computations one of them provides. */
export class DomainPacks {
  private readonly byWorkflow = new Map<string, DomainPack>();
  private readonly computations = new Map<string, Computation>();

  register(pack: DomainPack): this {
    for (const key of pack.workflows ?? []) {
      if (this.byWorkflow.has(key)) throw new Error(`workflow ${key} already has the ${this.byWorkflow.get(key)!.name} pack`);
      this.byWorkflow.set(key, pack);
    }
    for (const [name, computation] of Object.entries(pack.computations ?? {})) {
      if (this.computations.has(name)) throw new Error(`computation ${name} is registered twice`);
      this.computations.set(name, computation);
    }
    for (const kind of Object.keys(pack.appliers ?? {})) {
      if (!kind.startsWith(`${pack.name}.`)) throw new Error(`effect ${kind} of the ${pack.name} pack must be named "${pack.name}.…"`);
    }
    return this;
  }

  forWorkflow(key: string): DomainPack | undefined {
    return this.byWorkflow.get(key);
  }

  computation(name: string): Computation | undefined {
    return this.computations.get(name);
  }

  computationNames(): Set<string> {
    return new Set(this.computations.keys());
  }
}
