/**
 * An attachment opened in place: PDFs and images in a dialog (focus kept inside, Escape closes), read
 * from `/inline`, which the server serves only for those types, under a CSP that runs nothing. Other
 * files stay a download link. The download link is always in the dialog too.
 */
import { useEffect, useState } from "react";
import { showSize } from "../lib/format";
import type { Attachment } from "../lib/types";
import { attachmentMeta, attachmentUrl } from "../forms/attachments";
import { FileIcon } from "../forms/AttachmentControl";
import { Dialog } from "./Dialog";

const PREVIEWABLE = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);

export const previewUrl = (id: string) => `${attachmentUrl(id)}/inline`;

function useMeta(id: string): Attachment | null | undefined {
  const [meta, setMeta] = useState<Attachment | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void attachmentMeta(id).then((m) => live && setMeta(m));
    return () => {
      live = false;
    };
  }, [id]);
  return meta;
}

/** A file chip: opens the viewer for a PDF or an image, downloads anything else. */
export function AttachmentPreview({ id, label }: { id: string; label?: string }) {
  const meta = useMeta(id);
  const [open, setOpen] = useState(false);
  const name = meta?.name ?? "Tệp đính kèm";
  const chip = (
    <>
      <FileIcon />
      <span className="file-name">{label ?? name}</span>
      {meta?.size ? <span className="file-size">{showSize(meta.size)}</span> : null}
    </>
  );
  if (!meta || !PREVIEWABLE.has(meta.mediaType)) {
    return (
      <a className="file-chip" href={attachmentUrl(id)} download>
        {chip}
      </a>
    );
  }
  return (
    <>
      <button type="button" className="file-chip file-chip-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {chip}
        <span className="sr-only"> (xem tệp)</span>
      </button>
      {open && <AttachmentViewer meta={meta} onClose={() => setOpen(false)} />}
    </>
  );
}

function AttachmentViewer({ meta, onClose }: { meta: Attachment; onClose(): void }) {
  const titleId = `viewer-title-${meta.id}`;
  const src = previewUrl(meta.id);
  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="dialog viewer-dialog">
      <div className="viewer-head">
        <h2 id={titleId}>{meta.name}</h2>
        <a className="btn btn-secondary btn-sm" href={attachmentUrl(meta.id)} download>
          Tải về{meta.size ? ` (${showSize(meta.size)})` : ""}
        </a>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Đóng
        </button>
      </div>
      {meta.mediaType.startsWith("image/") ? (
        <img className="viewer-image" src={src} alt={meta.name} />
      ) : (
        // No `sandbox` attribute: Chromium blocks its PDF viewer in a sandboxed frame ("This page has been
        // blocked by Chromium"; the browser test checks). The server's CSP (`sandbox`, `default-src 'none'`)
        // is what keeps the file from running anything, and Chromium still renders the PDF under it.
        <iframe className="viewer-frame" src={src} title={`Nội dung tệp ${meta.name}`} />
      )}
    </Dialog>
  );
}
