import { DOCUMENT_TYPES, UNNAMED_TYPES, type DocumentType } from "../../workflows";
import type { DocumentRow } from "./documents";

/** HTML-escapes any value (documents carry applicants' text). */
function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Headings of a document are written in capitals (Vietnamese letters included). */
function upper(text: string): string {
  return text.toLocaleUpperCase("vi");
}

/**
 * The place-date line of Nghị định 30/2020/NĐ-CP (Phụ lục I): days below 10 and the months January and
 * February get a leading zero.
 *
 * @example placeDate("Kon Tum", "2026-11-24") // "Kon Tum, ngày 24 tháng 11 năm 2026"
 */
export function placeDate(place: string, isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
html { background: #e8e8e4; }
body { margin: 0; font-family: "Times New Roman", Times, "Liberation Serif", "DejaVu Serif", serif; font-size: 14pt; line-height: 1.35; color: #000; }
.sheet { width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 20mm 15mm 20mm 30mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.head { display: grid; grid-template-columns: 42% 58%; text-align: center; align-items: start; }
.head p { margin: 0; }
.issuer-parent { font-size: 13pt; }
.issuer { font-size: 13pt; font-weight: bold; }
.motto-1 { font-size: 13pt; font-weight: bold; white-space: nowrap; }
.motto-2 { font-size: 14pt; font-weight: bold; }
.rule { width: 38%; margin: 2px auto 6px; border-top: 1px solid #000; }
.rule.wide { width: 62%; }
.number { font-size: 13pt; margin-top: 4px; }
.date { font-style: italic; margin-top: 6px; }
.title { text-align: center; margin: 22px 0 12px; }
.title .kind { font-weight: bold; font-size: 14pt; }
.title .subject { font-weight: bold; font-size: 14pt; text-wrap: balance; padding: 0 6%; }
.authority { text-align: center; font-weight: bold; margin: 10px 0; }
.basis { font-style: italic; margin: 0 0 6px; text-indent: 1cm; text-align: justify; }
.decides { text-align: center; font-weight: bold; margin: 12px 0; }
.content p { margin: 0 0 8px; text-indent: 1cm; text-align: justify; }
.foot { display: grid; grid-template-columns: 50% 50%; margin-top: 20px; align-items: start; }
.recipients { font-size: 11pt; }
.recipients .label { font-weight: bold; font-style: italic; font-size: 12pt; }
.recipients ul { list-style: none; padding: 0; margin: 2px 0 0; }
.recipients li::before { content: "- "; }
.signer { text-align: center; }
.signer .role { font-weight: bold; }
.signer .signed { font-style: italic; color: #444; margin: 18px 0 40px; font-size: 12pt; }
.signer .name { font-weight: bold; }
.ref { margin-top: 28px; font-size: 10pt; color: #555; border-top: 1px dotted #999; padding-top: 4px; }
@media print { html { background: #fff; } .sheet { margin: 0; padding: 0; width: auto; min-height: auto; box-shadow: none; } .ref { display: none; } }
`;

/**
 * A document as a printable A4 page in the layout of Nghị định 30/2020/NĐ-CP: issuing body and number on
 * the left, national motto and place-date line on the right, the kind and subject, "Căn cứ" lines, the
 * body, "Nơi nhận" and the signer block. Every value is HTML-escaped.
 */
export function documentHtml(doc: DocumentRow): string {
  const body = doc.body;
  // A công văn prints no type name: its subject goes under the number as "V/v …" (Nghị định 30/2020/NĐ-CP).
  const letter = UNNAMED_TYPES.has(doc.type);
  const kind = letter ? "Công văn" : (DOCUMENT_TYPES[doc.type as DocumentType]?.vi ?? doc.type);
  const signerTitle = doc.signerTitle ?? "";
  // Documents issued before the signature block and authority line were kept print as they did then.
  const signature = body.signature ?? [signerTitle || "Thủ trưởng cơ quan"];
  const authority = body.authority !== undefined ? body.authority : signerTitle ? `${signerTitle} ${body.issuerName}` : null;
  const paragraphs = body.content.length ? body.content : [body.subject];
  const note = typeof body.form.note === "string" && body.form.note.trim() ? body.form.note.trim() : null;
  const recipients = body.recipients.length ? body.recipients : ["Như trên;", "Lưu: VT."];
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${kind} số ${doc.number}`)}</title>
<style>${STYLE}</style></head><body>
<main class="sheet">
<header class="head">
  <div>
    ${body.parentIssuerName ? `<p class="issuer-parent">${esc(upper(body.parentIssuerName))}</p>` : ""}
    <p class="issuer">${esc(upper(body.issuerName))}</p>
    <div class="rule"></div>
    <p class="number">Số: ${esc(doc.number)}</p>
    ${letter ? `<p class="number">V/v ${esc(body.subject)}</p>` : ""}
  </div>
  <div>
    <p class="motto-1">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
    <p class="motto-2">Độc lập - Tự do - Hạnh phúc</p>
    <div class="rule wide"></div>
    <p class="date">${esc(placeDate(body.place, doc.issuedOn))}</p>
  </div>
</header>
${letter ? "" : `<section class="title">
  <div class="kind">${esc(kind)}</div>
  <div class="subject">${esc(body.subject)}</div>
  <div class="rule"></div>
</section>`}
${doc.type === "QĐ" && authority ? `<p class="authority">${esc(upper(authority))}</p>` : ""}
${body.basis.map((line) => `<p class="basis">${esc(line)}</p>`).join("\n")}
${doc.type === "QĐ" ? `<p class="decides">QUYẾT ĐỊNH:</p>` : ""}
<section class="content">
${paragraphs.map((line) => `<p>${esc(line)}</p>`).join("\n")}
${note ? `<p>${esc(note)}</p>` : ""}
</section>
<footer class="foot">
  <div class="recipients"><div class="label">Nơi nhận:</div><ul>${recipients.map((r) => `<li>${esc(r)}</li>`).join("")}</ul></div>
  <div class="signer">
    ${signature.map((line) => `<div class="role">${esc(upper(line))}</div>`).join("")}
    <div class="signed">(Đã ký)</div>
    <div class="name">${esc(doc.signerName)}</div>
  </div>
</footer>
<p class="ref">Hồ sơ ${esc(body.dossierCode)} — ${esc(body.dossierTitle)}</p>
</main>
</body></html>`;
}
