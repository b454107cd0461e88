/**
 * Repeating rows: each row of an array of objects is a card laid out by `options.detail` (or a
 * generated layout); an array of simple values (texts, attachments) is a list of single inputs.
 */
import type { ControlProps, JsonSchema, UISchemaElement } from "@jsonforms/core";
import { Generate, composePaths } from "@jsonforms/core";
import { withConfirmRules } from "./confirm-rules";
import { JsonFormsDispatch, withJsonFormsControlProps } from "@jsonforms/react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../lib/i18n";
import { errorId } from "./Field";

function ArrayRows(p: ControlProps) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLFieldSetElement>(null);
  // After a row is removed its button is gone: focus goes to the row that took its place, else the
  // row before, else "add a row", rather than falling to the page's body. Said aloud by `removed`.
  const refocus = useRef<number | null>(null);
  const [removed, setRemoved] = useState("");
  useEffect(() => {
    if (refocus.current === null || !box.current) return;
    const i = refocus.current;
    refocus.current = null;
    const target =
      box.current.querySelector<HTMLElement>(`[data-row-remove="${i}"]`) ??
      box.current.querySelector<HTMLElement>(`[data-row-remove="${i - 1}"]`) ??
      box.current.querySelector<HTMLElement>("[data-row-add]");
    target?.focus();
  });
  if (!p.visible) return null;
  const rows: unknown[] = Array.isArray(p.data) ? p.data : [];
  const items = ((p.schema as { items?: JsonSchema }).items ?? {}) as JsonSchema;
  const isObject = items.type === "object" || !!items.properties;
  const label = typeof p.label === "string" ? p.label : "";
  const rowLabel = (i: number) => (p.uischema.options?.rowLabel ? `${String(p.uischema.options.rowLabel)} ${i + 1}` : t("row", { n: i + 1 }));
  const detail: UISchemaElement = isObject
    ? withConfirmRules((p.uischema.options?.detail as UISchemaElement | undefined) ?? Generate.uiSchema(items, "VerticalLayout", "#", p.rootSchema), items)
    : ({ type: "Control", scope: "#", label: `${label} — ${rowLabel(0)}`, options: { srOnlyLabel: true } } as UISchemaElement);

  const set = (next: unknown[]) => p.handleChange(p.path, next.length ? next : undefined);
  const remove = (i: number) => {
    refocus.current = i;
    setRemoved(lang === "en" ? `${rowLabel(i)} removed. ${rows.length - 1} left.` : `Đã xóa ${rowLabel(i).toLowerCase()}. Còn ${rows.length - 1} dòng.`);
    set(rows.filter((_, j) => j !== i));
  };
  const add = () => set([...rows, isObject ? {} : undefined]);

  return (
    // The list's own error (too few rows, say) marks the list, never its rows: each row shows only its own errors.
    <fieldset ref={box} className={`array${p.errors ? " array-invalid" : ""}`} id={p.id} aria-describedby={p.errors ? errorId(p.id) : undefined}>
      <legend className="field-label">
        {label}
        {p.required && <span className="required" aria-hidden="true"> *</span>}
        {rows.length > 0 && <span className="count">{rows.length}</span>}
      </legend>
      {p.description && <p className="field-hint">{p.description}</p>}
      {rows.length === 0 && <p className="muted array-empty">{lang === "en" ? "No rows yet." : "Chưa có dòng nào."}</p>}
      <ol className={isObject ? "array-cards" : "array-list"}>
        {rows.map((_, i) => (
          <li key={i} className={isObject ? "array-card" : "array-item"}>
            {isObject && (
              <div className="array-card-head">
                <strong>{rowLabel(i)}</strong>
                <button type="button" className="btn btn-ghost btn-sm danger" disabled={!p.enabled} onClick={() => remove(i)} aria-label={`${t("remove")} ${rowLabel(i)}`} data-row-remove={i}>
                  {t("remove")}
                </button>
              </div>
            )}
            <div className="array-body">
              <JsonFormsDispatch
                schema={items}
                uischema={isObject ? detail : ({ ...detail, label: `${label} — ${rowLabel(i)}` } as UISchemaElement)}
                path={composePaths(p.path, String(i))}
                enabled={p.enabled}
                renderers={p.renderers}
                cells={p.cells}
              />
            </div>
            {!isObject && (
              <button type="button" className="btn btn-ghost btn-sm danger" disabled={!p.enabled} onClick={() => remove(i)} aria-label={`${t("remove")} ${rowLabel(i)}`} data-row-remove={i}>
                {t("remove")}
              </button>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-secondary btn-sm" disabled={!p.enabled} onClick={add} data-row-add>
        + {t("addRow")}
      </button>
      {p.errors && (
        <p className="field-error" id={errorId(p.id)} role="alert">
          {p.errors}
        </p>
      )}
      <p className="sr-only" role="status">
        {removed}
      </p>
    </fieldset>
  );
}
export const ArrayControl = withJsonFormsControlProps(ArrayRows);

/** A nested object: its own generated (or given) layout inside a group. */
function ObjectFields(p: ControlProps) {
  if (!p.visible) return null;
  const layout = (p.uischema.options?.detail as UISchemaElement | undefined) ?? Generate.uiSchema(p.schema, "VerticalLayout", "#", p.rootSchema);
  return (
    <fieldset className="group" id={p.id}>
      {p.label && <legend>{p.label}</legend>}
      <JsonFormsDispatch schema={p.schema} uischema={layout} path={p.path} enabled={p.enabled} renderers={p.renderers} cells={p.cells} />
    </fieldset>
  );
}
export const ObjectControl = withJsonFormsControlProps(ObjectFields);
