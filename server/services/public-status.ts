import { and, asc, desc, eq, notInArray } from "drizzle-orm";
import { currentStateName, ONE_STOP_TYPES, type DossierSnapshot, type LocalizedText } from "../../workflows";
import type { Db } from "../db/client";
import { documents, instanceEvents, instances } from "../db/schema";
import { notFound } from "../errors";
import type { DeadlineService } from "./deadlines";
import type { WorkflowRegistry } from "./workflow-registry";

/** What anyone holding a dossier's code may know about it: nothing personal. */
export type PublicDossier = {
  code: string;
  procedure: LocalizedText;
  step: LocalizedText;
  status: "active" | "done";
  /** When the authority received it (the first hand-in), null while still a draft. */
  receivedAt: string | null;
  /** `YYYY-MM-DD` of the running legal deadline, and its working days left. */
  due: string | null;
  daysLeft: number | null;
  overdue: boolean;
  paused: boolean;
  /** The number of the latest document issued on it (`03/QĐ-SNV`), if any. */
  resultNumber: string | null;
};

/** The public status page of a dossier, by its code (design §7). */
export class PublicStatusService {
  constructor(
    private readonly db: Db,
    private readonly registry: WorkflowRegistry,
    private readonly deadlines: DeadlineService,
  ) {}

  async byCode(code: string): Promise<PublicDossier> {
    const normalised = code.trim().toUpperCase();
    const [row] = /^[A-Z0-9-]{4,40}$/.test(normalised) ? await this.db.select().from(instances).where(eq(instances.code, normalised)) : [];
    if (!row) throw notFound("DOSSIER_NOT_FOUND", "no dossier with this code");
    const workflow = await this.registry.get(row.workflowKey, row.workflowVersion, this.db);
    const node = workflow.states.get(currentStateName((row.snapshot as DossierSnapshot).value))?.node;
    const [received] = await this.db
      .select({ at: instanceEvents.at })
      .from(instanceEvents)
      .where(and(eq(instanceEvents.instanceId, row.id), eq(instanceEvents.type, "SUBMIT")))
      .orderBy(asc(instanceEvents.seq))
      .limit(1);
    const [latest] = await this.db
      .select({ number: documents.number })
      .from(documents)
      // The result is a decision or notice, never a one-stop slip (receipt, supplement request, apology).
      .where(and(eq(documents.instanceId, row.id), notInArray(documents.type, [...ONE_STOP_TYPES])))
      .orderBy(desc(documents.issuedAt), desc(documents.eventSeq))
      .limit(1);
    const deadline = row.status === "done" ? null : await this.deadlines.forInstance(row.id, this.db);
    return {
      code: row.code,
      procedure: workflow.definition.title,
      step: node?.publicTitle ?? node?.title ?? { vi: row.state.join(", ") },
      status: row.status,
      receivedAt: received?.at.toISOString() ?? null,
      due: deadline?.due ?? null,
      daysLeft: deadline?.daysLeft ?? null,
      overdue: deadline?.overdue ?? false,
      paused: deadline?.paused ?? false,
      resultNumber: latest?.number ?? null,
    };
  }
}
