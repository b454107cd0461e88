/** A file in the dossier: choose (or drop) a file, see it uploaded with its name and size, replace or remove it. */
import { useEffect, useRef, useState } from "react";
import type { ControlProps } from "@jsonforms/core";
import { withJsonFormsControlProps } from "@jsonforms/react";
import { ApiError } from "../lib/api";
import { showSize } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { Attachment } from "../lib/types";
import { attachmentMeta, attachmentUrl, uploadAttachment } from "./attachments";
import { ariaFor, Field } from "./Field";

/** Shows one stored attachment as a link with its size. */
export function AttachmentLink({ id }: { id: string }) {
  const [meta, setMeta] = useState<Attachment | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void attachmentMeta(id).then((m) => live && setMeta(m));
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <a className="file-chip" href={attachmentUrl(id)} target="_blank" rel="noreferrer">
      <FileIcon />
      <span className="file-name">{meta?.name ?? "Tệp đính kèm"}</span>
      {meta?.size ? <span className="file-size">{showSize(meta.size)}</span> : null}
    </a>
  );
}

export function FileIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" className="file-icon">
      <path fill="currentColor" d="M6 2h8l6 6v13a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1Zm7 1.5V9h5.5L13 3.5Z" />
    </svg>
  );
}

function AttachmentInput(p: ControlProps) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const id = typeof p.data === "string" && p.data ? p.data : null;

  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const meta = await uploadAttachment(file);
      p.handleChange(p.path, meta.id);
    } catch (e) {
      setProblem(e instanceof ApiError ? (lang === "en" && e.messageEn) || e.message : String(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  const label = typeof p.label === "string" ? p.label : "";
  return (
    <Field id={p.id} label={label} required={p.required} description={p.description} errors={problem ?? p.errors} visible={p.visible} srOnlyLabel={!!p.uischema.options?.srOnlyLabel}>
      <div
        className={`dropzone${dragging ? " dragging" : ""}${id ? " has-file" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void upload(e.dataTransfer.files[0]);
        }}
      >
        {id ? <AttachmentLink id={id} /> : <span className="muted">{lang === "en" ? "No file yet" : "Chưa có tệp"}</span>}
        <span className="dropzone-actions">
          <input
            ref={input}
            {...ariaFor(p.id, p.errors, p.required)}
            type="file"
            className="sr-only"
            disabled={!p.enabled || busy}
            onChange={(e) => void upload(e.target.files?.[0])}
          />
          <button type="button" className="btn btn-secondary btn-sm" disabled={!p.enabled || busy} onClick={() => input.current?.click()}>
            {busy ? t("uploading") : id ? t("replace") : t("upload")}
          </button>
          {id && p.enabled && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => p.handleChange(p.path, undefined)}>
              {t("remove")}
            </button>
          )}
        </span>
      </div>
    </Field>
  );
}
export const AttachmentControl = withJsonFormsControlProps(AttachmentInput);
