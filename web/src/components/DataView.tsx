/**
 * Dossier data as a person reads it, never as JSON: the form's own layout (groups, labels) with each
 * value shown the Vietnamese way (dates, amounts, choices by title, units by name, files opening in a viewer,
 * repeating rows as a table). Without a form, the data's own keys are shown.
 */
import { useEffect, useState, type ReactNode } from "react";
import { formatVnd, showDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { FormDef, JsonSchema, UiElement } from "../lib/types";
import { choicesOf } from "../forms/controls";
import { AttachmentPreview } from "./AttachmentViewer";
import { loadUnits, type UnitRow } from "../forms/units";

type Ctx = { units: Map<string, UnitRow> };

function useUnits(): Map<string, UnitRow> {
  const [units, setUnits] = useState(new Map<string, UnitRow>());
  useEffect(() => {
    void loadUnits().then((list) => list && setUnits(new Map(list.map((u) => [u.id, u]))));
  }, []);
  return units;
}

function resolve(schema: JsonSchema, scope: string): { schema: JsonSchema | undefined; path: string[] } {
  const tokens = scope.replace(/^#\/?/, "").split("/").filter(Boolean);
  let s: JsonSchema | undefined = schema;
  const path: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === "properties" && tokens[i + 1] !== undefined) {
      path.push(tokens[i + 1]!);
      s = s?.properties?.[tokens[i + 1]!];
      i++;
    }
  }
  return { schema: s, path };
}

function at(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((d, k) => (d && typeof d === "object" ? (d as Record<string, unknown>)[k] : undefined), data);
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** One value, formatted by its schema. */
export function Value({ schema, value, ctx }: { schema: JsonSchema | undefined; value: unknown; ctx: Ctx }): ReactNode {
  const { t } = useI18n();
  if (isEmpty(value)) return <span className="muted">—</span>;
  const format = schema?.format;
  if (format === "attachment" && typeof value === "string") return <AttachmentPreview id={value} />;
  if (format === "date" && typeof value === "string") return showDate(value);
  if ((format === "cccd" || format === "phone-vn") && typeof value === "string") return <span className="nowrap">{value}</span>;
  if (format === "vnd" && typeof value === "number") return formatVnd(value);
  // While the units are on their way, an ellipsis: never the raw id (the names come a moment later).
  if (format === "unit" && typeof value === "string") return ctx.units.get(value)?.name ?? (ctx.units.size === 0 ? "…" : value);
  const choices = choicesOf(schema);
  if (choices.length) return choices.find((c) => c.value === value)?.label ?? String(value);
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  if (typeof value === "number") return value.toLocaleString("vi-VN", { useGrouping: (schema?.title ?? "").toLowerCase().includes("năm") ? false : "auto" });
  if (Array.isArray(value)) {
    const items = (schema?.items ?? {}) as JsonSchema;
    if (items.type === "object" || items.properties || value.some((v) => v && typeof v === "object")) return <RowsTable schema={items} rows={value} ctx={ctx} />;
    return (
      <ul className="value-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value schema={items} value={v} ctx={ctx} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") {
    return <Pairs schema={schema} data={value as Record<string, unknown>} ctx={ctx} />;
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return showDate(value);
  return <span className="pre-line">{String(value)}</span>;
}

function RowsTable({ schema, rows, ctx }: { schema: JsonSchema; rows: unknown[]; ctx: Ctx }) {
  const keys = schema.properties ? Object.keys(schema.properties) : [...new Set(rows.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])))];
  return (
    // Focusable: on a phone the table scrolls sideways, and the keyboard must be able to scroll it too.
    <div className="table-wrap" tabIndex={0}>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">#</th>
            {keys.map((k) => (
              <th key={k} scope="col">
                {schema.properties?.[k]?.title ?? k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {keys.map((k) => (
                <td key={k}>
                  <Value schema={schema.properties?.[k]} value={(r as Record<string, unknown> | null)?.[k]} ctx={ctx} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pairs({ schema, data, ctx }: { schema: JsonSchema | undefined; data: Record<string, unknown>; ctx: Ctx }) {
  // Without a form, the engine's own fields (`$children`, `$late`, …) are bookkeeping, not the dossier's content.
  const keys = schema?.properties ? Object.keys(schema.properties).filter((k) => k in data) : Object.keys(data).filter((k) => !k.startsWith("$"));
  return (
    <dl className="pairs">
      {keys.map((k) => (
        <div key={k} className={wide(schema?.properties?.[k], data[k]) ? "pair pair-wide" : "pair"}>
          <dt>{schema?.properties?.[k]?.title ?? k}</dt>
          <dd>
            <Value schema={schema?.properties?.[k]} value={data[k]} ctx={ctx} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

const wide = (schema: JsonSchema | undefined, value: unknown) => Array.isArray(value) || schema?.type === "array" || (typeof value === "string" && value.length > 80);

function Layout({ el, form, data, ctx }: { el: UiElement; form: FormDef; data: unknown; ctx: Ctx }): ReactNode {
  if (el.type === "Control" && el.scope) {
    const { schema, path } = resolve(form.schema, el.scope);
    const value = at(data, path);
    const label = typeof el.label === "string" ? el.label : (schema?.title ?? path[path.length - 1] ?? "");
    return (
      <div className={wide(schema, value) ? "pair pair-wide" : "pair"}>
        <dt>{label}</dt>
        <dd>
          <Value schema={schema} value={value} ctx={ctx} />
        </dd>
      </div>
    );
  }
  if (el.type === "Label") return null;
  const children = (el.elements ?? []).map((c, i) => <Layout key={i} el={c} form={form} data={data} ctx={ctx} />);
  if (el.type === "Group") {
    return (
      <section className="data-group">
        {el.label && <h3>{el.label}</h3>}
        <dl className="pairs">{children}</dl>
      </section>
    );
  }
  return <>{children}</>;
}

/** Shows `data` laid out by `form` (or by its own keys when there is no form). */
export function DataView({ form, data }: { form?: FormDef | undefined; data: Record<string, unknown> | null | undefined }) {
  const units = useUnits();
  const ctx = { units };
  if (!data || Object.keys(data).length === 0) return <p className="muted">—</p>;
  if (!form) return <Pairs schema={undefined} data={data} ctx={ctx} />;
  const root = form.uischema;
  const grouped = root.type === "Group" || (root.elements ?? []).some((e) => e.type === "Group");
  const body = <Layout el={root} form={form} data={data} ctx={ctx} />;
  return <div className="data-view">{grouped ? body : <dl className="pairs">{body}</dl>}</div>;
}
