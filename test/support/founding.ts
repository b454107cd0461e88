import { addCalendarDays, toVietnamDate } from "../../workflows/calendar";
import { foundingCommittee, validSamples } from "../forms/samples";
import { uploadPdf } from "./files";
import type { TestApp, TestUser } from "./harness";

/**
 * A complete founding-committee application by `user`, its attachments really uploaded: application
 * letter, and for every member a CV and a criminal-record extract issued a month before the clock's
 * today (Nghị định 126/2024: at most 6 months old at submission). Pass a real `authorityUnit` for a
 * dossier that is to be handed in (its review task goes there).
 */
export async function foundingApplication(t: TestApp, user: TestUser, overrides: Record<string, unknown> = {}) {
  const issuedOn = addCalendarDays(toVietnamDate(t.clock.now()), -30);
  // Members given in `overrides` get their papers too, unless they bring their own.
  const given = Array.isArray(overrides.members) ? (overrides.members as Record<string, unknown>[]) : foundingCommittee.members;
  const members = await Promise.all(
    given.map(async (m, i) =>
      "cv" in m || "criminalRecord" in m
        ? m
        : {
            ...m,
            cv: await uploadPdf(t, user, `so-yeu-ly-lich-${i + 1}.pdf`),
            criminalRecord: await uploadPdf(t, user, `phieu-ly-lich-tu-phap-${i + 1}.pdf`),
            criminalRecordIssuedOn: issuedOn,
          },
    ),
  );
  const { cvs: _cvs, criminalRecord: _record, ...committee } = foundingCommittee;
  return {
    ...committee,
    applicationLetter: await uploadPdf(t, user, "Đơn đề nghị công nhận ban vận động.pdf"),
    ...overrides,
    members,
  };
}

/** The form each event of `association-founding` fills. */
const FORM_OF_EVENT: Record<string, string> = {
  REQUEST_SUPPLEMENT: "supplement-request",
  RESUBMIT: "supplement-response",
  PROPOSE: "proposal",
  SEND_SUBMISSION: "proposal",
  APPROVE: "decision",
  RETURN: "return-note",
  REJECT: "refusal-reasons",
  PROPOSE_REJECTION: "refusal-reasons",
  COMMENT: "comment",
};

/** Valid data for the form of an event without attachments (`{}` for an event without a form). */
export function sampleEventData(type: string): Record<string, unknown> {
  const form = FORM_OF_EVENT[type];
  return form ? { ...(validSamples[form] as Record<string, unknown>) } : {};
}

/** An event body with valid sample data for its form, unless it brings its own. */
export function withSampleData<B>(body: B): B {
  if (!body || typeof body !== "object" || !("type" in body) || "data" in body) return body;
  return { ...body, data: sampleEventData(String(body.type)) };
}

/** Valid data for the form of each event of `association-founding` (attachments uploaded by `user`). */
export async function eventData(t: TestApp, user: TestUser, type: string): Promise<Record<string, unknown>> {
  const sample = sampleEventData(type);
  if (FORM_OF_EVENT[type] === "supplement-response") sample.attachments = [await uploadPdf(t, user, "bo-sung.pdf")];
  return sample;
}
