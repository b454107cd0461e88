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
  const oldest = monthsBefore(submittedOn, maxAgeMonths);
  return members.flatMap((raw: unknown, i): ExtractProblem[] => {
    const m = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const who = typeof m.fullName === "string" && m.fullName ? `${m.fullName.slice(0, 100)} (thành viên thứ ${i + 1})` : `Thành viên thứ ${i + 1}`;
    const at = (field: string) => `/members/${i}/${field}`;
    const out: ExtractProblem[] = [];
    if (typeof m.cv !== "string" || m.cv === "") {
      out.push({ path: at("cv"), code: "required", message: `${who}: thiếu sơ yếu lý lịch`, messageEn: `member ${i + 1}: CV missing` });
    }
    if (typeof m.criminalRecord !== "string" || m.criminalRecord === "") {
      out.push({ path: at("criminalRecord"), code: "required", message: `${who}: thiếu phiếu lý lịch tư pháp số 1`, messageEn: `member ${i + 1}: criminal-record extract missing` });
    }
    const issued = m.criminalRecordIssuedOn;
    if (typeof issued !== "string" || !isIsoDate(issued)) {
      out.push({ path: at("criminalRecordIssuedOn"), code: "required", message: `${who}: thiếu ngày cấp phiếu lý lịch tư pháp`, messageEn: `member ${i + 1}: extract's issue date missing` });
    } else if (issued > submittedOn) {
      out.push({
        path: at("criminalRecordIssuedOn"),
        code: "future",
        message: `${who}: ngày cấp phiếu lý lịch tư pháp (${formatDateVi(issued)}) sau ngày nộp hồ sơ (${formatDateVi(submittedOn)})`,
        messageEn: `member ${i + 1}: the extract is dated after the submission`,
      });
    } else if (issued < oldest) {
      out.push({
        path: at("criminalRecordIssuedOn"),
        code: "tooOld",
        message: `${who}: phiếu lý lịch tư pháp cấp ngày ${formatDateVi(issued)}, quá ${maxAgeMonths} tháng tính đến ngày nộp hồ sơ ${formatDateVi(submittedOn)} (phải cấp từ ngày ${formatDateVi(oldest)})`,
        messageEn: `member ${i + 1}: the extract is older than ${maxAgeMonths} months at submission (issued before ${oldest})`,
      });
    }
    return out;
  });
}
