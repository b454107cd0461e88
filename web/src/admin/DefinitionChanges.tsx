/**
 * The changes between two workflow versions (as `workflows/definition-diff.ts` computes them on the
 * server), one readable sentence each, and the dialog that asks to confirm publishing them.
 */
import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n";
import type { Localized } from "../lib/types";
import { Dialog } from "../components/Dialog";
import { Notice } from "../components/Notice";

export type DefinitionChange =
  | { kind: "workflow"; fields: string[] }
  | { kind: "stateAdded" | "stateRemoved"; state: string; title: Localized }
  | { kind: "stateChanged"; state: string; title: Localized; fields: string[] }
  | {
      kind: "transitionAdded" | "transitionRemoved" | "transitionChanged";
      state: string;
      stateTitle: Localized;
      event: string | null;
      title: Localized | null;
      target: string | null;
      fields?: string[];
    };

const FIELD_NAMES: Record<string, [vi: string, en: string]> = {
  title: ["tên", "title"],
  description: ["mô tả", "description"],
  initial: ["bước bắt đầu", "initial step"],
  startForm: ["biểu mẫu nộp", "start form"],
  config: ["thông số pháp lý", "legal figures"],
  configSources: ["căn cứ các thông số", "sources of the figures"],
  source: ["căn cứ pháp lý", "legal basis"],
  spawnedOnly: ["chỉ mở từ hồ sơ khác", "spawned only"],
  type: ["loại bước", "kind of step"],
  assignee: ["người xử lý", "assignee"],
  deadline: ["thời hạn", "deadline"],
  timers: ["hẹn giờ", "timers"],
  spawn: ["hồ sơ con", "child dossiers"],
  publicTitle: ["tên công khai", "public title"],
  parent: ["bước cha", "parent step"],
  target: ["bước chuyển đến", "target step"],
  form: ["biểu mẫu", "form"],
  guard: ["điều kiện", "condition"],
  mergeData: ["gộp dữ liệu", "data merge"],
  system: ["do hệ thống thực hiện", "system only"],
  actions: ["tác vụ", "actions"],
  compute: ["phép tính", "computations"],
  issueDocument: ["văn bản ban hành", "issued document"],
  establishUnit: ["thành lập đơn vị", "unit founding"],
};

/** One change as a sentence. */
export function useDescribeChange(): (c: DefinitionChange) => ReactNode {
  const { lang, loc } = useI18n();
  const en = lang === "en";
  const fields = (list: string[]) => list.map((f) => FIELD_NAMES[f]?.[en ? 1 : 0] ?? f).join(", ");
  const step = (title: Localized, name: string) => (
    <>
      «{loc(title)}» <code className="muted small">{name}</code>
    </>
  );
  return (c) => {
    switch (c.kind) {
      case "workflow":
        return en ? `Procedure changed: ${fields(c.fields)}` : `Sửa thông tin quy trình: ${fields(c.fields)}`;
      case "stateAdded":
        return <>{en ? "New step" : "Thêm bước"} {step(c.title, c.state)}</>;
      case "stateRemoved":
        return <>{en ? "Step removed" : "Bỏ bước"} {step(c.title, c.state)}</>;
      case "stateChanged":
        return <>{en ? "Step" : "Sửa bước"} {step(c.title, c.state)}: {fields(c.fields)}</>;
      default: {
        const action = c.event === null ? (en ? "automatic transition" : "chuyển tự động") : <>«{c.title ? loc(c.title) : c.event}» <code className="muted small">{c.event}</code></>;
        const verb = { transitionAdded: en ? "New action" : "Thêm thao tác", transitionRemoved: en ? "Action removed" : "Bỏ thao tác", transitionChanged: en ? "Action changed" : "Sửa thao tác" }[c.kind];
        const where = en ? "at step" : "ở bước";
        const tail = c.kind === "transitionChanged" ? `: ${fields(c.fields ?? [])}` : c.target && c.kind === "transitionAdded" ? (en ? ` → ${c.target}` : ` → ${c.target}`) : "";
        return <>{verb} {action} {where} «{loc(c.stateTitle)}»{tail}</>;
      }
    }
  };
}

export function ChangeList({ changes }: { changes: DefinitionChange[] }) {
  const { lang } = useI18n();
  const describe = useDescribeChange();
  if (changes.length === 0) return <p className="muted">{lang === "en" ? "No change to steps or actions." : "Không có thay đổi nào về các bước và thao tác."}</p>;
  return (
    <ul className="diff-list">
      {changes.map((c, i) => <li key={i}>{describe(c)}</li>)}
    </ul>
  );
}

/** Asks to confirm publishing `changes` as version `current + 1`; `error` is a refusal to show (a stale diff). */
export function PublishDialog(props: {
  heading: string;
  intro: string;
  current: number;
  changes: DefinitionChange[];
  error: string | null;
  busy: boolean;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
}) {
  const { lang } = useI18n();
  return (
    <Dialog labelledBy="publish-title" onClose={props.onClose} className="dialog dialog-wide">
      <h2 id="publish-title">{props.heading}</h2>
      <p>{props.intro}</p>
      <ChangeList changes={props.changes} />
      <p className="muted small">
        {lang === "en"
          ? "Dossiers already running stay on the version they started on."
          : "Các hồ sơ đang xử lý vẫn tiếp tục theo phiên bản mà chúng đã bắt đầu."}
      </p>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={props.onClose}>{lang === "en" ? "Cancel" : "Hủy"}</button>
        <button type="button" className="btn btn-primary" disabled={props.busy} onClick={props.onConfirm}>{props.confirmLabel}</button>
      </div>
    </Dialog>
  );
}
