/**
 * A relief campaign (Nghị định 93/2021/NĐ-CP) as the pure engine sees it: its receiving period, the
 * earmark it receives on, its distribution deadline and the record of each publication duty.
 */
import { addCalendarDays, isIsoDate, type IsoDate } from "../calendar";
import type { DataAction } from "../data-actions";
import type { Step } from "../engine";

export const CAMPAIGN_WORKFLOW = "relief-campaign";

/** What a campaign must publish: its receipts, and its distribution. */
export const PUBLICATION_DUTIES = ["receipts", "distribution"] as const;
export type PublicationDuty = (typeof PUBLICATION_DUTIES)[number];

/** One publication as recorded: when, where, and the day it was due by. */
export type Publication = { duty: PublicationDuty; publishedOn: IsoDate; channel: string; link: string | null; dueBy: IsoDate | null; late: boolean; recordedOn: string | null };

const dateOf = (value: unknown): IsoDate | null => (typeof value === "string" && isIsoDate(value) ? value : null);
const numberOf = (value: unknown): number | null => (typeof value === "number" && Number.isInteger(value) ? value : null);

/**
 * Days of a receiving period, its first and last days included (0 or less when it ends before it starts).
 *
 * @example receivingDays("2026-10-01", "2026-12-29") // 90
 */
export function receivingDays(start: IsoDate, end: IsoDate): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The receiving period of the campaign's data, when both days are there. */
export function receivingPeriod(data: Record<string, unknown>): { start: IsoDate; end: IsoDate; days: number } | null {
  const start = dateOf(data.receivingStart);
  const end = dateOf(data.receivingEnd);
  return start && end ? { start, end, days: receivingDays(start, end) } : null;
}

/**
 * The campaign's earmark in the fund's ledger: its name and its dossier code, so that it is unique in
 * the fund and says which campaign it is on the public page.
 *
 * @example campaignEarmark("Ủng hộ đồng bào bị bão số 3", "KT-2026-7Q4M9X") // "Ủng hộ đồng bào bị bão số 3 (KT-2026-7Q4M9X)"
 */
export function campaignEarmark(name: string, code: string): string {
  const room = 200 - code.length - 3;
  return `${name.trim().slice(0, room)} (${code})`;
}

/** The last day of distribution: `distributionDays` after the last day of receiving. */
export function distributionDue(data: Record<string, unknown>, config: Record<string, unknown>): IsoDate | null {
  const end = dateOf(data.receivingEnd);
  const days = numberOf(config.distributionDays);
  return end && days !== null ? addCalendarDays(end, days) : null;
}

/** The day a duty's publication is due by: after the last day of receiving, or after distribution ended. */
export function publicationDueBy(duty: PublicationDuty, data: Record<string, unknown>, config: Record<string, unknown>): IsoDate | null {
  const days = numberOf((config.publicationDays as Record<string, unknown> | undefined)?.[duty]);
  const from = duty === "receipts" ? dateOf(data.receivingEnd) : (dateOf((data.$distribution as Record<string, unknown> | undefined)?.finishedOn) ?? dateOf(data.dueDate));
  return from && days !== null ? addCalendarDays(from, days) : null;
}

/** On approval: the earmark the server named (`campaignEarmark`) and the distribution deadline as `dueDate` (reminders, late mark). */
const openCampaign: DataAction = (data, { event, config, today }) => ({
  ...data,
  earmark: typeof event.campaignEarmark === "string" ? event.campaignEarmark : (data.earmark ?? null),
  dueDate: distributionDue(data, config),
  $openedOn: today,
});

/** Keeps the day distribution ended and whether it was within the deadline. */
const finishCampaignDistribution: DataAction = (data, { event }) => {
  const finishedOn = dateOf(event.finishedOn);
  const due = dateOf(data.dueDate);
  return { ...data, $distribution: { finishedOn, summary: event.summary ?? null, late: Boolean(finishedOn && due && finishedOn > due) } };
};

/** Records one publication ("published on" per duty), with the day it was due by and whether it was late. */
const recordCampaignPublication: DataAction = (data, { event, config, today }) => {
  const duty = PUBLICATION_DUTIES.find((d) => d === event.duty);
  const publishedOn = dateOf(event.publishedOn);
  if (!duty || !publishedOn) return data;
  const dueBy = publicationDueBy(duty, data, config);
  const entry: Publication = {
    duty,
    publishedOn,
    channel: typeof event.channel === "string" ? event.channel : "",
    link: typeof event.link === "string" && event.link ? event.link : null,
    dueBy,
    late: dueBy !== null && publishedOn > dueBy,
    recordedOn: today,
  };
  const before = Array.isArray(data.$publications) ? (data.$publications as Publication[]) : [];
  return { ...data, $publications: [...before, entry] };
};

export const campaignDataActions: Readonly<Record<string, DataAction>> = { openCampaign, finishCampaignDistribution, recordCampaignPublication };

/** The campaign pack's effect: the approval opens the campaign's earmark in the fund's ledger (a balance of 0). */
export type CampaignEffect = { kind: "campaign.earmark"; earmark: string };

/**
 * Entering `receiving` opens the earmark the approval named.
 *
 * @example campaignEffects({ entered: ["receiving"], snapshot: { context: { data: { earmark: "Bão số 3 (KT-2026-7Q4M9X)" } } } } as never) // [{ kind: "campaign.earmark", earmark: "Bão số 3 (KT-2026-7Q4M9X)" }]
 */
export function campaignEffects(step: Pick<Step, "entered" | "snapshot">): CampaignEffect[] {
  const earmark = step.snapshot.context.data.earmark;
  return step.entered.includes("receiving") && typeof earmark === "string" && earmark ? [{ kind: "campaign.earmark", earmark }] : [];
}
