import { Hono } from "hono";
import { z } from "zod";
import { stateKind, type LocalizedText } from "../../workflows";
import type { AppEnv } from "../app-env";
import { requireRootAdmin } from "../auth/admin-scope";
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
  .post("/", async (c) => {
    // Workflows, forms and the calendar apply to every unit: only an admin of a root unit changes them.
    const user = await requireRootAdmin(c);
    const body = await readJson(c, z.record(z.string(), z.unknown()));
    const workflow = await c.var.services.registry.publish(body, user.id);
    return c.json({ ...describe(workflow), states: diagram(workflow) }, 201);
  });
