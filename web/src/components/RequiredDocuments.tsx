/** The checklist beside the attachments: each document the form asks for, ticked when held, missing ones marked. */
import { requiredDocuments } from "../lib/required-documents";
import type { FormDef } from "../lib/types";
import { AttachmentPreview } from "./AttachmentViewer";

export function RequiredDocuments({ form, data }: { form: FormDef | undefined; data: Record<string, unknown> | null | undefined }) {
  const lines = requiredDocuments(form?.schema, data ?? {});
  if (!lines.length) return null;
  const asked = lines.filter((l) => l.required);
  const missing = asked.filter((l) => !l.id).length;
  return (
    <section className="card" aria-labelledby="documents-check-title">
      <h2 id="documents-check-title">Giấy tờ trong hồ sơ</h2>
      <p className={missing ? "docs-summary docs-summary-missing" : "docs-summary"}>
        {missing ? `Còn thiếu ${missing} trong ${asked.length} giấy tờ bắt buộc.` : `Đã có đủ ${asked.length} giấy tờ bắt buộc.`}
      </p>
      <ul className="docs-check">
        {lines.map((line, i) => (
          <li key={i} className={line.id ? "doc-present" : line.required ? "doc-missing" : "doc-optional"}>
            <span className="doc-mark" aria-hidden="true">
              {line.id ? "✓" : line.required ? "✗" : "–"}
            </span>
            <span className="doc-label">
              {line.label}
              <span className="doc-status">{line.id ? " — đã có" : line.required ? " — còn thiếu (bắt buộc)" : " — chưa có (không bắt buộc)"}</span>
            </span>
            {line.id && <AttachmentPreview id={line.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
