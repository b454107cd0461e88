import { computationsFor, SERVER_FACTS, type DossierSnapshot } from "../../workflows";
import type { Tx } from "../db/client";
import type { SessionUser } from "../identity";
import type { InstanceRow } from "./dossier-locks";
import type { DomainPacks } from "./domain-packs";
import type { WorkflowVersion } from "./workflow-registry";

/**
 * What the server adds to or checks in a step's data, as the dossier's domain pack says: its data rule,
 * the values its transitions `compute`, and the `$server` facts its conditions read.
 */
export class StepData {
  constructor(private readonly packs: DomainPacks) {}

  /** The client's data as the pack's rule makes it (e.g. server-assigned line ids), or a 422. */
  ruled(workflowKey: string, before: Record<string, unknown> | null, incoming: Record<string, unknown>): Record<string, unknown> {
    const rule = this.packs.forWorkflow(workflowKey)?.dataRule;
    return rule ? rule(before, incoming) : incoming;
  }

  /** Refuses a starter the workflow's pack does not accept for this data (nothing when it has no rule). */
  async checkStarter(tx: Tx, user: SessionUser, workflow: WorkflowVersion, data: Record<string, unknown>): Promise<void> {
    await this.packs.forWorkflow(workflow.definition.key)?.starter?.(tx, user, data, workflow);
  }

  /** The event's data with the server's facts under `$server` (whatever the client sent there is dropped). */
  async withFacts(tx: Tx, row: InstanceRow, data: Record<string, unknown>, at: Date): Promise<Record<string, unknown>> {
    const { [SERVER_FACTS]: _forged, ...rest } = data;
    const facts = this.packs.forWorkflow(row.workflowKey)?.facts;
    return facts ? { ...rest, [SERVER_FACTS]: await facts(tx, row, at) } : rest;
  }

  /** The event's data with the values its transition asks the server to compute. */
  async withComputed(tx: Tx, row: InstanceRow, workflow: WorkflowVersion, type: string, data: Record<string, unknown>, at: Date) {
    const names = computationsFor(workflow, row.snapshot as DossierSnapshot, type);
    if (names.length === 0) return data;
    const computed: Record<string, unknown> = { ...data };
    for (const name of names) {
      // `checkDefinition` refuses a definition naming a computation no pack provides.
      const computation = this.packs.computation(name);
      if (!computation) throw new Error(`workflow ${row.workflowKey} asks for an unknown computation "${name}"`);
      computed[name] = await computation(tx, row, at, data);
    }
    return computed;
  }

  /**
   * The server's facts of a dossier as a step leaves it, stored with it so that readers are offered the
   * events they allow without recomputing them (the next step computes them afresh for its guards); a
   * column to set, nothing for a workflow without facts.
   */
  async factsAfter(tx: Tx, row: InstanceRow, at: Date): Promise<{ facts?: Record<string, unknown> | null }> {
    const facts = this.packs.forWorkflow(row.workflowKey)?.facts;
    // A workflow without facts has none to store (its column stays null).
    if (!facts) return {};
    return { facts: row.status === "active" ? await facts(tx, row, at) : null };
  }
}
