import { isDeepStrictEqual } from "node:util";
import { and, desc, eq, sql } from "drizzle-orm";
import { createFormValidator, formDefinitionSchema, parseForm, type FieldError as FormFieldError, type FormDefinition, type FormProblem } from "../../forms";
import type { Clock } from "../clock";
import type { Db, Tx } from "../db/client";
import { formDefinitions } from "../db/schema";
import { DomainError, notFound } from "../errors";

/** A stored form version: the definition with its version number. */
export type FormVersion = FormDefinition & { version: number; createdAt: Date };

/** How strictly data is validated: a submission (every rule) or an unfinished draft (nothing missing yet). */
export type ValidationMode = "full" | "partial";

/**
 * Versions of form definitions in the database, mirroring the workflow registry. A stored version never
 * changes, so versions are cached by key and version, and so are the compiled validators; "latest" is
 * always read from the database.
 */
export class FormRegistry {
  private cache = new Map<string, FormVersion>();
  private readonly validator = createFormValidator();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Checks a form definition (shape, JSON Schema, UI schema) and refuses it with every problem listed. */
  check(input: unknown): FormDefinition {
    const result = parseForm(input);
    if (!result.ok) throw invalidForm(result.problems);
    return result.form;
  }

  /**
   * Stores a new version of a form (the next number for its key). With `unlessUnchanged`, nothing is
   * written when the latest version is the same form (start-up of several processes at once).
   */
  async publish(input: unknown, createdBy: string | null, options: { unlessUnchanged?: boolean } = {}): Promise<FormVersion> {
    if (options.unlessUnchanged && typeof input === "object" && input !== null && typeof (input as { key?: unknown }).key === "string") {
      // Every start installs the built-in forms: the same form as the stored one was checked when stored
      // (a check builds ajv instances, ~1,5 s of CPU for all of them at each start on a loaded machine).
      const [last] = await this.db.select().from(formDefinitions).where(eq(formDefinitions.key, (input as { key: string }).key)).orderBy(desc(formDefinitions.version)).limit(1);
      if (last && sameForm(last.definition, input as FormDefinition)) return this.fromRow(last);
    }
    const form = this.check(input);
    const createdAt = this.clock.now();
    return this.db.transaction(async (t) => {
      // Serialise publishers of the same key so that version numbers never clash.
      await t.execute(sql`select pg_advisory_xact_lock(hashtext(${"form:" + form.key}))`);
      const [last] = await t.select().from(formDefinitions).where(eq(formDefinitions.key, form.key)).orderBy(desc(formDefinitions.version)).limit(1);
      if (last && options.unlessUnchanged && sameForm(last.definition, form)) return this.fromRow(last);
      const version = (last?.version ?? 0) + 1;
      const stored = { ...form, version };
      await t.insert(formDefinitions).values({ key: form.key, version, definition: stored, createdAt, createdBy });
      return this.remember(stored, createdAt);
    });
  }

  /** Loads the built-in forms: a new version only when a file differs from the latest stored one. */
  async installBuiltins(forms: readonly unknown[]): Promise<void> {
    for (const input of forms) await this.publish(input, null, { unlessUnchanged: true });
  }

  /** `via`: the transaction to read in, when called inside one (PGlite runs one statement at a time); no default. */
  async latestOrNull(key: string, via: Db | Tx): Promise<FormVersion | null> {
    const [row] = await via.select().from(formDefinitions).where(eq(formDefinitions.key, key)).orderBy(desc(formDefinitions.version)).limit(1);
    return row ? this.fromRow(row) : null;
  }

  async latest(key: string, via: Db | Tx): Promise<FormVersion> {
    const found = await this.latestOrNull(key, via);
    if (!found) throw notFound("FORM_NOT_FOUND", `no form "${key}"`);
    return found;
  }

  async get(key: string, version: number, via: Db | Tx): Promise<FormVersion> {
    const cached = this.cache.get(`${key}@${version}`);
    if (cached) return cached;
    const [row] = await via
      .select()
      .from(formDefinitions)
      .where(and(eq(formDefinitions.key, key), eq(formDefinitions.version, version)))
      .limit(1);
    if (!row) throw notFound("FORM_NOT_FOUND", `no form "${key}" version ${version}`);
    return this.fromRow(row);
  }

  /** The latest version of every form. */
  async list(): Promise<FormVersion[]> {
    const rows = await this.db
      .selectDistinctOn([formDefinitions.key])
      .from(formDefinitions)
      .orderBy(formDefinitions.key, desc(formDefinitions.version));
    return rows.map((row) => this.fromRow(row));
  }

  /** The keys of all stored forms (what workflow definitions may name). */
  async keys(): Promise<ReadonlySet<string>> {
    const rows = await this.db.selectDistinct({ key: formDefinitions.key }).from(formDefinitions);
    return new Set(rows.map((r) => r.key));
  }

  /** Field errors of `data` against a form version; empty when it is valid. */
  validate(form: FormVersion, data: unknown, mode: ValidationMode): FormFieldError[] {
    const result = mode === "full" ? this.validator.validate(form, data) : this.validator.validatePartial(form, data);
    return result.errors;
  }

  private fromRow(row: typeof formDefinitions.$inferSelect): FormVersion {
    const cached = this.cache.get(`${row.key}@${row.version}`);
    if (cached) return cached;
    // Stored forms were checked when written; parse again only to get the typed value (the shape, not
    // the JSON Schema's compilation, which a check repeats with new ajv instances).
    const parsed = formDefinitionSchema.safeParse(row.definition);
    if (!parsed.success) throw new Error(`stored form ${row.key}@${row.version} no longer checks`);
    return this.remember({ ...parsed.data, version: row.version }, row.createdAt);
  }

  private remember(form: FormDefinition & { version: number }, createdAt: Date): FormVersion {
    const stored: FormVersion = { ...form, createdAt };
    this.cache.set(`${form.key}@${form.version}`, stored);
    return stored;
  }
}

/** Equal apart from the version number; key order is ignored (PostgreSQL's jsonb reorders keys). */
function sameForm(stored: unknown, form: FormDefinition): boolean {
  const { version: _a, ...before } = stored as FormDefinition;
  const { version: _b, ...after } = form;
  return isDeepStrictEqual(before, after);
}

function invalidForm(problems: FormProblem[]): DomainError {
  return new DomainError("INVALID_FORM", "Biểu mẫu không hợp lệ", {
    messageEn: "the form definition has problems",
    fields: problems.map((p) => ({ path: p.path, message: p.message, messageEn: p.messageEn })),
  });
}
