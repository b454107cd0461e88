import { isDeepStrictEqual } from "node:util";
import { and, desc, eq, sql } from "drizzle-orm";
import {
  checkDefinition,
  compileWorkflow,
  type CompiledWorkflow,
  type DefinitionProblem,
  WorkflowDefinition,
} from "../../workflows";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { workflowDefinitions } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { rowsOf } from "./session-user";

/** Problems a new definition is refused for, but which the engine also guards against when a stored one runs. */
const GUARDED_AT_RUN_TIME = new Set(["ALWAYS_CYCLE"]);

/** A stored definition version, compiled and ready to run. */
export type WorkflowVersion = CompiledWorkflow & { version: number; createdAt: Date };

/**
 * Versions of workflow definitions in the database. Versions never change once written, so compiled
 * machines are cached by key and version; "latest" is always read from the database.
 */
export class WorkflowRegistry {
  private compiled = new Map<string, WorkflowVersion>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly knownForms: () => Promise<ReadonlySet<string> | undefined> = async () => undefined,
    /** The names of the computations the server registers for transitions' `compute` lists. */
    private readonly knownComputations: () => ReadonlySet<string> | undefined = () => undefined,
  ) {}

  /** Checks a definition and refuses it with every problem listed. */
  async check(input: unknown): Promise<WorkflowDefinition> {
    const result = checkDefinition(input, { knownForms: await this.knownForms(), knownComputations: this.knownComputations() });
    if (!result.ok) throw invalidDefinition(result.problems);
    return result.definition;
  }

  /**
   * Stores a new version of a definition (the next number for its key). With `unlessUnchanged`, nothing
   * is written when the latest version is the same definition (start-up of several processes at once).
   */
  async publish(
    input: unknown,
    createdBy: string | null,
    options: { unlessUnchanged?: boolean; expectedCurrent?: number | undefined } = {},
  ): Promise<WorkflowVersion> {
    const definition = await this.check(input);
    const createdAt = this.clock.now();
    return this.db.transaction(async (t) => {
      // Serialise publishers of the same key so that version numbers never clash.
      await t.execute(sql`select pg_advisory_xact_lock(hashtext(${"workflow:" + definition.key}))`);
      const [last] = await t
        .select()
        .from(workflowDefinitions)
        .where(eq(workflowDefinitions.key, definition.key))
        .orderBy(desc(workflowDefinitions.version))
        .limit(1);
      if (last && options.unlessUnchanged && sameDefinition(last.definition, definition)) return this.fromRow(last);
      if (options.expectedCurrent !== undefined) requireCurrent(last?.version ?? 0, options.expectedCurrent);
      const version = (last?.version ?? 0) + 1;
      const stored = { ...definition, version };
      await t.insert(workflowDefinitions).values({ key: definition.key, version, definition: stored, createdAt, createdBy });
      return this.remember(stored, createdAt);
    });
  }

  /**
   * Makes an earlier version current again by publishing a copy of it as the next version: numbers only
   * grow, every dossier stays on the version it started on, and the history says who went back when.
   * `expectedCurrent` is the version the admin compared against; another publication since is a 409.
   */
  async restore(key: string, version: number, expectedCurrent: number, createdBy: string | null): Promise<WorkflowVersion> {
    const createdAt = this.clock.now();
    return this.db.transaction(async (t) => {
      await t.execute(sql`select pg_advisory_xact_lock(hashtext(${"workflow:" + key}))`);
      const [old] = await t
        .select()
        .from(workflowDefinitions)
        .where(and(eq(workflowDefinitions.key, key), eq(workflowDefinitions.version, version)))
        .limit(1);
      if (!old) throw notFound("WORKFLOW_NOT_FOUND", `no workflow "${key}" version ${version}`);
      const [last] = await t.select().from(workflowDefinitions).where(eq(workflowDefinitions.key, key)).orderBy(desc(workflowDefinitions.version)).limit(1);
      requireCurrent(last!.version, expectedCurrent);
      const definition = this.fromRow(old).definition;
      if (sameDefinition(last!.definition, definition)) {
        throw new DomainError("ALREADY_CURRENT", "Phiên bản này giống hệt phiên bản đang áp dụng", { messageEn: "this version is the same as the current one" });
      }
      const next = last!.version + 1;
      const stored = { ...definition, version: next };
      await t.insert(workflowDefinitions).values({ key, version: next, definition: stored, createdAt, createdBy });
      return this.remember(stored, createdAt);
    });
  }

  /** Every version of a workflow, newest first, with how many dossiers still run on each. */
  async versions(key: string): Promise<{ version: number; createdAt: Date; createdBy: string | null; running: number }[]> {
    const rows = rowsOf<{ version: number; created_at: string | Date; created_by: string | null; running: number | string }>(
      await this.db.execute(sql`select d.version, d.created_at, d.created_by,
          (select count(*) from instances i where i.workflow_key = d.key and i.workflow_version = d.version and i.status = 'active') as running
        from ${workflowDefinitions} d where d.key = ${key} order by d.version desc`),
    );
    if (rows.length === 0) throw notFound("WORKFLOW_NOT_FOUND", `no workflow "${key}"`);
    return rows.map((r) => ({ version: Number(r.version), createdAt: new Date(r.created_at), createdBy: r.created_by, running: Number(r.running) }));
  }

  /** Loads the built-in definitions: a new version only when a file differs from the latest stored one. */
  async installBuiltins(definitions: unknown[]): Promise<void> {
    for (const input of definitions) await this.publish(input, null, { unlessUnchanged: true });
  }

  /**
   * The latest version. Every read takes its connection explicitly (no default): inside a transaction it
   * must be that transaction, for PGlite has a single connection and a read beside it waits forever.
   */
  async latestOrNull(key: string, db: Db | Tx): Promise<WorkflowVersion | null> {
    const [row] = await db
      .select()
      .from(workflowDefinitions)
      .where(eq(workflowDefinitions.key, key))
      .orderBy(desc(workflowDefinitions.version))
      .limit(1);
    return row ? this.fromRow(row) : null;
  }

  async latest(key: string, db: Db | Tx): Promise<WorkflowVersion> {
    const found = await this.latestOrNull(key, db);
    if (!found) throw notFound("WORKFLOW_NOT_FOUND", `no workflow "${key}"`);
    return found;
  }

  /** One version; `db` is the transaction when inside one (a version not yet compiled is read through it). */
  async get(key: string, version: number, db: Db | Tx): Promise<WorkflowVersion> {
    const cached = this.compiled.get(`${key}@${version}`);
    if (cached) return cached;
    const [row] = await db
      .select()
      .from(workflowDefinitions)
      .where(and(eq(workflowDefinitions.key, key), eq(workflowDefinitions.version, version)))
      .limit(1);
    if (!row) throw notFound("WORKFLOW_NOT_FOUND", `no workflow "${key}" version ${version}`);
    return this.fromRow(row);
  }

  /** The latest version of every workflow. */
  async list(): Promise<WorkflowVersion[]> {
    const rows = await this.db
      .selectDistinctOn([workflowDefinitions.key])
      .from(workflowDefinitions)
      .orderBy(workflowDefinitions.key, desc(workflowDefinitions.version));
    return rows.map((row) => this.fromRow(row));
  }

  private fromRow(row: typeof workflowDefinitions.$inferSelect): WorkflowVersion {
    const cached = this.compiled.get(`${row.key}@${row.version}`);
    if (cached) return cached;
    // Stored definitions were checked when written; parse again only to get the typed value. A check added
    // since, whose danger the engine also stops at run time (a cycle of `always`: WORKFLOW_LOOP), must
    // not make the version's dossiers unreadable.
    const checked = checkDefinition(row.definition);
    const stillRuns = !checked.ok && checked.problems.every((p) => GUARDED_AT_RUN_TIME.has(p.code));
    if (!checked.ok && !stillRuns) throw new Error(`stored definition ${row.key}@${row.version} no longer checks`);
    const definition = checked.ok ? checked.definition : WorkflowDefinition.parse(row.definition);
    return this.remember({ ...definition, version: row.version }, row.createdAt);
  }

  private remember(definition: WorkflowDefinition & { version: number }, createdAt: Date): WorkflowVersion {
    const compiled: WorkflowVersion = { ...compileWorkflow(definition), version: definition.version, createdAt };
    this.compiled.set(`${definition.key}@${definition.version}`, compiled);
    return compiled;
  }
}

/** Equal apart from the version number; key order is ignored (jsonb stores object keys reordered). */
function sameDefinition(stored: unknown, definition: WorkflowDefinition): boolean {
  const parsed = checkDefinition(stored);
  return parsed.ok && isDeepStrictEqual({ ...parsed.definition, version: undefined }, { ...definition, version: undefined });
}

/** The version the admin compared against must still be the current one (0: none yet). */
function requireCurrent(current: number, expected: number): void {
  if (current === expected) return;
  throw new DomainError("STALE_VERSION", `Quy trình vừa có phiên bản ${current} mới hơn phiên bản ${expected} bạn đã so sánh; hãy xem lại thay đổi`, {
    messageEn: `the workflow is now at version ${current}, not ${expected}`,
    current,
  });
}

function invalidDefinition(problems: DefinitionProblem[]): DomainError {
  return new DomainError("INVALID_DEFINITION", "Định nghĩa quy trình không hợp lệ", {
    messageEn: "the workflow definition has problems",
    fields: problems.map((p) => ({ path: p.path, message: p.message, messageEn: p.messageEn, code: p.code })),
  });
}
