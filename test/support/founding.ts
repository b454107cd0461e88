import { foundingCommittee, validSamples } from "../forms/samples";
import { uploadPdf } from "./files";
import type { TestApp, TestUser } from "./harness";

/**
 * A complete founding-committee application by `user`, its attachments really uploaded:
 * application letter, two CVs and the head's criminal-record extract.
 */
export async function foundingApplication(t: TestApp, user: TestUser, overrides: Record<string, unknown> = {}) {
  return {
    ...foundingCommittee,
    applicationLetter: await uploadPdf(t, user, "Đơn đề nghị công nhận ban vận động.pdf"),
    cvs: [await uploadPdf(t, user, "so-yeu-ly-lich-1.pdf"), await uploadPdf(t, user, "so-yeu-ly-lich-2.pdf")],
    criminalRecord: await uploadPdf(t, user, "phieu-ly-lich-tu-phap.pdf"),
    ...overrides,
  };
}

/** Valid data for the form of each event of `association-founding` (attachments uploaded by `user`). */
export async function eventData(t: TestApp, user: TestUser, type: string): Promise<Record<string, unknown>> {
  const byEvent: Record<string, string> = {
    REQUEST_SUPPLEMENT: "supplement-request",
    RESUBMIT: "supplement-response",
    PROPOSE: "proposal",
    APPROVE: "decision",
    RETURN: "return-note",
    REJECT: "refusal-reasons",
    COMMENT: "comment",
  };
  const form = byEvent[type];
  if (!form) return {};
  const sample = { ...(validSamples[form] as Record<string, unknown>) };
  if (form === "supplement-response") sample.attachments = [await uploadPdf(t, user, "bo-sung.pdf")];
  return sample;
}
