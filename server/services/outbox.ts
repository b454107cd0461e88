import type { Tx } from "../db/client";
import { outbox } from "../db/schema";

/** What a dossier's outbox rows carry; the dispatcher turns each into notifications. */
export type OutboxEffect =
  | {
      kind: "step";
      payload: {
        code: string;
        title: string;
        event: string;
        seq: number;
        /** Who acted (null: the system); they are not notified of their own step. */
        actorId: string | null;
        /** Leaf states entered by the step, with who works on them. */
        entered: { state: string; title: string; role: string | null }[];
        finished: boolean;
      };
    }
  | {
      kind: "reminder" | "escalation";
      payload: { code: string; title: string; clockKey: string; state: string; role: string | null; due: string; daysLeft: number };
    };

/** The insert of an effect's row, for the caller's transaction: it exists only if the step commits. */
export function outboxInsert(tx: Tx, instanceId: string, effect: OutboxEffect, at: Date) {
  return tx.insert(outbox).values({ kind: effect.kind, instanceId, payload: effect.payload, createdAt: at });
}

/** Writes an effect in the caller's transaction: it exists only if the step commits. */
export async function writeOutbox(tx: Tx, instanceId: string, effect: OutboxEffect, at: Date): Promise<void> {
  await outboxInsert(tx, instanceId, effect, at);
}
