import { Hono } from "hono";
import { z } from "zod";
import { diffDefinitions, stateKind, type LocalizedText } from "../../workflows";
import type { AppEnv } from "../app-env";
import { requireAdmin, requireRootAdmin } from "../auth/admin-scope";
import { DomainError, notFound } from "../errors";
import { requireUser } from "../auth/require-user";
import { readJson, readQuery } from "../request";
import { transitionsOf } from "../../workflows/definition-problems";
import type { WorkflowVersion } from "../services/workflow-registry";

/** The states of a definition as a flat list a client can draw as a diagram. */
function diagram(workflow: WorkflowVersion) {
  return [...workflow.states.values()].map((state) => ({
    name: state.name,
    title: state.node.title,
    parent: state.parent,
    kind: stateKind(state.node),
    assignee: state.node.assignee ?? null,
    deadline: state.node.deadline ?? null,
    transitions: transitionsOf(state).map(({ event, transition }) => ({
      event,
      target: transition.target,
      title: transition.title ?? null,
      form: transition.form ?? null,
    })),
  }));
}

function describe(workflow: WorkflowVersion) {
  const { key, title, description, startForm, initial, source } = workflow.definition;
  return { key, version: workflow.version, title, description: description ?? null, startForm: startForm ?? null, initial, source: source ?? [] };
}

export type WorkflowSummary = ReturnType<typeof describe> & { title: LocalizedText };

export const workflowRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    requireUser(c);
    const list = await c.var.services.registry.list();
    return c.json({ items: list.map(describe) });
  })
  .get("/:key", async (c) => {
    requireUser(c);
    const { version } = readQuery(c, z.object({ version: z.coerce.number().int().positive().optional() }));
    const { registry, database } = c.var.services;
    const workflow = version ? await registry.get(c.req.param("key"), version, database.db) : await registry.latest(c.req.param("key"), database.db);
    return c.json({ ...describe(workflow), definition: workflow.definition, states: diagram(workflow) });
  })
  .get("/:key/versions", async (c) => {
    requireAdmin(c);
    const items = await c.var.services.registry.versions(c.req.param("key"));
    return c.json({ current: items[0]!.version, items: items.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) });
  })
  .post("/:key/diff", async (c) => {
    // What publishing this definition would change, shown to the admin before he confirms.
    await requireRootAdmin(c);
    const { registry, database } = c.var.services;
    const definition = await registry.check(await readJson(c, z.record(z.string(), z.unknown())));
    if (definition.key !== c.req.param("key")) throw keyMismatch();
    const current = await registry.latestOrNull(definition.key, database.db);
    return c.json({ current: current?.version ?? 0, changes: diffDefinitions(current?.definition ?? null, definition) });
  })
  .get("/:key/versions/:version/diff", async (c) => {
    // What making this earlier version current again would change.
    await requireRootAdmin(c);
    const { registry, database } = c.var.services;
    const version = versionParam(c.req.param("version"));
    const current = await registry.latest(c.req.param("key"), database.db);
    const old = await registry.get(c.req.param("key"), version, database.db);
    return c.json({ current: current.version, version, changes: diffDefinitions(current.definition, old.definition) });
  })
  .post("/:key/versions/:version/restore", async (c) => {
    const user = await requireRootAdmin(c);
    const { expectedCurrent } = await readJson(c, z.object({ expectedCurrent: z.number().int().nonnegative() }).strict());
    const workflow = await c.var.services.registry.restore(c.req.param("key"), versionParam(c.req.param("version")), expectedCurrent, user.id);
    return c.json({ ...describe(workflow), states: diagram(workflow) }, 201);
  })
  .post("/", async (c) => {
    // Workflows, forms and the calendar apply to every unit: only an admin of a root unit changes them.
    const user = await requireRootAdmin(c);
    // `expectedCurrent`: the version the admin saw the diff against (0 for a new workflow); optional for scripts.
    const { expectedCurrent } = readQuery(c, z.object({ expectedCurrent: z.coerce.number().int().nonnegative().optional() }));
    const body = await readJson(c, z.record(z.string(), z.unknown()));
    const workflow = await c.var.services.registry.publish(body, user.id, { expectedCurrent });
    return c.json({ ...describe(workflow), states: diagram(workflow) }, 201);
  });

/** A version number in a path; anything else is 404 (no such version). */
function versionParam(raw: string): number {
  const n = /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw notFound("WORKFLOW_NOT_FOUND", "no such version");
  return n;
}

function keyMismatch() {
  const message = "Mã quy trình trong định nghĩa khác với quy trình đang sửa";
  return new DomainError("VALIDATION_FAILED", message, { messageEn: "the definition's key is not this workflow's", fields: [{ path: "/key", message }] });
}
