import ExcelJS from "exceljs";
import { formatAchievement, formatQuantity, type PlanSummary } from "../../workflows";
import { formatDateVi, formatVnd } from "../../forms";
import { csvDocument } from "../csv";

/** What the exports print about the plan itself. */
export type PlanHeading = { code: string; title: string; issuer?: string; place?: string; documentNumber?: string | null };

const STATUS_VI: Record<string, string> = {
  accepted: "Đã duyệt",
  review: "Chờ duyệt",
  sentBack: "Bị trả lại",
  pending: "Chưa báo cáo",
  missing: "Không báo cáo",
  notStarted: "Chưa báo cáo",
};

const dateVi = (iso: string | null | undefined) => (iso ? formatDateVi(iso) : "");

/** The summary as rows: indicators with per-unit columns, then units, then budget. */
function tables(summary: PlanSummary) {
  const units = summary.units;
  const indicators = [
    ["Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch", "Thực hiện", "Tỷ lệ đạt", ...units.map((u) => u.unitName)],
    ...summary.indicators.map((i) => [i.code, i.name, i.unitOfMeasure, i.target, i.actual, i.achievementText, ...i.byUnit.map((b) => b.actual)]),
  ];
  const unitRows = [
    ["Đơn vị", "Tình trạng", "Trễ hạn", "Ngày gửi báo cáo", "Kinh phí được giao (₫)", "Kinh phí đã chi (₫)"],
    ...units.map((u) => [u.unitName, STATUS_VI[u.status] ?? u.status, u.late ? "Trễ hạn" : "", dateVi(u.submittedOn), u.planned, u.spent]),
  ];
  const budget = [
    ["Kinh phí", "Số tiền (₫)"],
    ["Kế hoạch", summary.budget.planned],
    ["Đã chi", summary.budget.spent],
    ["Còn lại", summary.budget.remaining],
  ];
  return { indicators, unitRows, budget };
}

/**
 * The summary as CSV (UTF-8 with a byte-order mark so Excel reads Vietnamese), numbers unformatted so
 * that they stay numbers; sections separated by an empty line.
 */
export function summaryCsv(heading: PlanHeading, summary: PlanSummary): string {
  const { indicators, unitRows, budget } = tables(summary);
  const lines = [
    [heading.title],
    [`Kỳ báo cáo: ${summary.round?.title ?? ""}`, `Hạn báo cáo: ${dateVi(summary.round?.dueDate)}`, `Ngày tổng hợp: ${dateVi(summary.compiledOn)}`],
    [],
    ...indicators,
    [],
    ...unitRows,
    [],
    ...budget,
  ];
  return csvDocument(lines);
}

/** The summary as an XLSX workbook: sheets "Chỉ tiêu", "Đơn vị", "Kinh phí". */
export async function summaryXlsx(heading: PlanHeading, summary: PlanSummary): Promise<Uint8Array<ArrayBuffer>> {
  const { indicators, unitRows, budget } = tables(summary);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Hoso";
  const sheet = (name: string, rows: unknown[][], money: number[] = []) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow([heading.title]).font = { bold: true };
    ws.addRow([`Kỳ báo cáo: ${summary.round?.title ?? ""}`, `Ngày tổng hợp: ${dateVi(summary.compiledOn)}`]);
    ws.addRow([]);
    rows.forEach((row, i) => {
      const added = ws.addRow(row);
      if (i === 0) added.font = { bold: true };
    });
    for (const col of money) ws.getColumn(col).numFmt = "#,##0";
    ws.columns.forEach((c) => (c.width = 18));
    return ws;
  };
  sheet("Chỉ tiêu", indicators);
  sheet("Đơn vị", unitRows, [5, 6]);
  sheet("Kinh phí", budget, [2]);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer) as Uint8Array<ArrayBuffer>;
}

function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The summary as a printable A4 page (báo cáo), Vietnamese figures throughout. */
export function summaryHtml(heading: PlanHeading, summary: PlanSummary): string {
  const units = summary.units;
  const place = heading.place ?? "Kon Tum";
  const [y, m, d] = summary.compiledOn.split("-");
  const row = (cells: unknown[], tag = "td") => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join("")}</tr>`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(heading.title)}</title>
<style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", serif; font-size: 13pt; }
.head { display: flex; justify-content: space-between; text-align: center; }
.motto { font-weight: bold; } h1 { text-align: center; font-size: 14pt; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 11pt; }
td, th { border: 1px solid #000; padding: 2px 4px; } td.n { text-align: right; }
</style></head><body>
<div class="head"><div>${esc(heading.issuer ?? "")}<br>Số: ${heading.documentNumber ? esc(heading.documentNumber) : "…/BC-… <b>(DỰ THẢO — chưa duyệt, chưa cấp số)</b>"}</div>
<div><span class="motto">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</span><br><u>Độc lập - Tự do - Hạnh phúc</u><br>
<i>${esc(place)}, ngày ${esc(d)} tháng ${esc(m)} năm ${esc(y)}</i></div></div>
<h1>BÁO CÁO<br>Kết quả thực hiện ${esc(heading.title)}</h1>
<p>${esc(summary.round?.title ?? "")} — hạn báo cáo ${esc(dateVi(summary.round?.dueDate))}. Đã nhận và duyệt báo cáo của ${summary.counts.accepted}/${summary.counts.units} đơn vị.</p>
<h2>I. Kết quả thực hiện các chỉ tiêu</h2>
<table>${row(["Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ đạt"], "th")}
${summary.indicators.map((i) => row([i.name, i.unitOfMeasure, formatQuantity(i.target), formatQuantity(i.actual), formatAchievement(i.achievement)])).join("\n")}</table>
<h2>II. Kết quả theo đơn vị</h2>
<table>${row(["Đơn vị", ...summary.indicators.map((i) => i.name), "Tình trạng", "Ngày gửi"], "th")}
${units.map((u) => row([u.unitName, ...summary.indicators.map((i) => { const v = i.byUnit.find((b) => b.unitId === u.unitId)?.actual; return v === null || v === undefined ? "—" : formatQuantity(v); }), (STATUS_VI[u.status] ?? u.status) + (u.late ? " (trễ hạn)" : ""), dateVi(u.submittedOn)])).join("\n")}</table>
<h2>III. Kinh phí</h2>
<table>${row(["Đơn vị", "Được giao", "Đã chi"], "th")}
${units.map((u) => row([u.unitName, formatVnd(u.planned), u.spent === null ? "—" : formatVnd(u.spent)])).join("\n")}
${row(["Tổng cộng", formatVnd(summary.budget.planned), formatVnd(summary.budget.spent)])}</table>
<h2>IV. Đơn vị chậm, chưa báo cáo</h2>
<p>Trễ hạn: ${esc(summary.late.map((u) => u.unitName).join(", ") || "không có")}.<br>Chưa có báo cáo được duyệt: ${esc(summary.missing.map((u) => u.unitName).join(", ") || "không có")}.</p>
</body></html>`;
}
