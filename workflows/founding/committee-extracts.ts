import { isIsoDate, type IsoDate } from "../calendar";
import { formatDateVi } from "../../forms/vi-display";

/** What is wrong with one committee member's papers, as a field of the 422. */
export type ExtractProblem = { path: string; code: "required" | "tooOld" | "future"; message: string; messageEn: string };

/**
 * The day `months` calendar months before `date`; a day the earlier month lacks becomes its last day
 * (31/08 − 6 months → 28/02 or 29/02).
 *
 * @example monthsBefore("2026-08-31", 6) // "2026-02-28"
 */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * Every committee member hands in a CV and a criminal-record extract (phiếu lý lịch tư pháp số 1) issued
 * at most `maxAgeMonths` months before the dossier is submitted (`submittedOn`, the step's date in
 * Vietnam): one problem per missing paper, extract too old or dated in the future. Pure: the server
 * feeds it the step's date.
 *
 * @example committeeExtractProblems([{ cv: "a", criminalRecord: "b", criminalRecordIssuedOn: "2025-09-01" }], "2026-03-02", 6)
 * // [{ path: "/members/0/criminalRecordIssuedOn", code: "tooOld", … }]
 */
export function committeeExtractProblems(members: unknown, submittedOn: IsoDate, maxAgeMonths: number): ExtractProblem[] {
  if (!Array.isArray(members)) return [];
  return members.flatMap((raw: unknown, i): ExtractProblem[] => {
    const m = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const who = typeof m.fullName === "string" && m.fullName ? `${m.fullName.slice(0, 100)} (thành viên thứ ${i + 1})` : `Thành viên thứ ${i + 1}`;
    return paperProblems(m, { vi: who, en: `member ${i + 1}` }, (field) => `/members/${i}/${field}`, submittedOn, maxAgeMonths);
  });
}

/** The founding application's own papers of the committee's head, by field: his CV, extract and its date. */
const HEAD_FIELDS: Record<keyof Papers, string> = { cv: "headCv", criminalRecord: "headCriminalRecord", criminalRecordIssuedOn: "headCriminalRecordIssuedOn" };

/**
 * The founding application (Nghị định 126/2024): the committee's head hands in his CV and a
 * criminal-record extract issued at most `maxAgeMonths` months before this submission.
 *
 * @example headExtractProblems({ headCv: "a", headCriminalRecord: "b", headCriminalRecordIssuedOn: "2026-01-01" }, "2026-08-31", 6) // [{ path: "/headCriminalRecordIssuedOn", code: "tooOld", … }]
 */
export function headExtractProblems(data: Record<string, unknown>, submittedOn: IsoDate, maxAgeMonths: number): ExtractProblem[] {
  const papers = { cv: data[HEAD_FIELDS.cv], criminalRecord: data[HEAD_FIELDS.criminalRecord], criminalRecordIssuedOn: data[HEAD_FIELDS.criminalRecordIssuedOn] };
  return paperProblems(papers, { vi: "Trưởng ban vận động", en: "the committee's head" }, (field) => `/${HEAD_FIELDS[field]}`, submittedOn, maxAgeMonths);
}

type Papers = { cv: unknown; criminalRecord: unknown; criminalRecordIssuedOn: unknown };

/** One person's CV, extract and the extract's date, judged against the submission's date. */
function paperProblems(m: Partial<Papers>, who: { vi: string; en: string }, at: (field: keyof Papers) => string, submittedOn: IsoDate, maxAgeMonths: number): ExtractProblem[] {
  const oldest = monthsBefore(submittedOn, maxAgeMonths);
  const out: ExtractProblem[] = [];
  if (typeof m.cv !== "string" || m.cv === "") {
    out.push({ path: at("cv"), code: "required", message: `${who.vi}: thiếu sơ yếu lý lịch`, messageEn: `${who.en}: CV missing` });
  }
  if (typeof m.criminalRecord !== "string" || m.criminalRecord === "") {
    out.push({ path: at("criminalRecord"), code: "required", message: `${who.vi}: thiếu phiếu lý lịch tư pháp số 1`, messageEn: `${who.en}: criminal-record extract missing` });
  }
  const issued = m.criminalRecordIssuedOn;
  if (typeof issued !== "string" || !isIsoDate(issued)) {
    out.push({ path: at("criminalRecordIssuedOn"), code: "required", message: `${who.vi}: thiếu ngày cấp phiếu lý lịch tư pháp`, messageEn: `${who.en}: extract's issue date missing` });
  } else if (issued > submittedOn) {
    out.push({
      path: at("criminalRecordIssuedOn"),
      code: "future",
      message: `${who.vi}: ngày cấp phiếu lý lịch tư pháp (${formatDateVi(issued)}) sau ngày nộp hồ sơ (${formatDateVi(submittedOn)})`,
      messageEn: `${who.en}: the extract is dated after the submission`,
    });
  } else if (issued < oldest) {
    out.push({
      path: at("criminalRecordIssuedOn"),
      code: "tooOld",
      message: `${who.vi}: phiếu lý lịch tư pháp cấp ngày ${formatDateVi(issued)}, quá ${maxAgeMonths} tháng tính đến ngày nộp hồ sơ ${formatDateVi(submittedOn)} (phải cấp từ ngày ${formatDateVi(oldest)})`,
      messageEn: `${who.en}: the extract is older than ${maxAgeMonths} months at submission (issued before ${oldest})`,
    });
  }
  return out;
}
