import { expect } from "vitest";
import { compileWorkflow, replay, type DossierEvent, type DossierSnapshot } from "../../workflows";
import { actorFor } from "../../server/services/dossiers";
import type { TestApp } from "./harness";

/**
 * Replays the history of every dossier in the test database through its definition version and
 * expects exactly the stored snapshot. Returns how many dossiers were checked.
 */
export async function expectEveryHistoryReplays(t: TestApp): Promise<number> {
  const { dossierReads, registry } = t.services;
  const page = await dossierReads.list(undefined, { page: 1, pageSize: 100 });
  for (const item of page.items) {
    const row = (await dossierReads.find(item.id))!;
    const history = await dossierReads.history(row.id);
    const workflow = await registry.get(row.workflowKey, row.workflowVersion, t.services.database.db);
    const [startEvent, ...rest] = history;
    const events: DossierEvent[] = rest
      .filter((h) => h.type !== "COMMENT")
      .map((h) => ({
        type: h.type,
        data: (h.data ?? {}) as Record<string, unknown>,
        // The starter flag is not stored: it is who started the dossier (separation of duties is a guard).
        actor: h.actorId ? { id: h.actorId, roles: h.actorRoles, ...(h.actorId === row.starterId && !row.parentId ? { starter: true } : {}) } : actorFor(null, null),
        // Conditions and data actions may read the event's date: replay passes the stored instant.
        at: h.at.toISOString(),
      }));
    const replayed = replay(compileWorkflow(workflow.definition), (startEvent!.data ?? {}) as Record<string, unknown>, events);
    expect(replayed, `${row.code}: ${history.map((h) => h.type).join(" → ")}`).toEqual(row.snapshot as DossierSnapshot);
  }
  return page.items.length;
}
