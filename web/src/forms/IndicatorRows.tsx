/**
 * A unit report's actuals as one row per indicator of its plan (`options.rowsFrom: "indicators"`): the
 * code, name, unit and target are shown, the official types only the actual (read the Vietnamese way
 * by the number control). The rows follow the plan: no code is typed, added or repeated by hand.
 * The plan's indicators come from the dossier, through JSON Forms' `config.indicators`.
 */
import { useEffect } from "react";
import type { ControlProps, JsonSchema, UISchemaElement } from "@jsonforms/core";
import { composePaths } from "@jsonforms/core";
import { JsonFormsDispatch, withJsonFormsControlProps } from "@jsonforms/react";
import { formatViNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";

type Indicator = { code: string; name: string; unitOfMeasure?: string; target?: number };
type Row = { code?: unknown; value?: unknown };

/** The plan's indicators as handed to the form (anything malformed is left out). */
export function indicatorsOf(value: unknown): Indicator[] {
  if (!Array.isArray(value)) return [];
  return value.filter((i): i is Indicator => !!i && typeof i === "object" && typeof (i as Indicator).code === "string" && typeof (i as Indicator).name === "string");
}

/** The rows in the plan's order, each keeping the value already entered for its code. */
export function alignedRows(indicators: Indicator[], rows: unknown): Row[] {
  const current = Array.isArray(rows) ? (rows as Row[]) : [];
  return indicators.map((i) => ({ ...current.find((r) => r && r.code === i.code), code: i.code }));
}

function IndicatorRowsList(p: ControlProps) {
  const { t } = useI18n();
  const indicators = indicatorsOf((p.config as { indicators?: unknown } | undefined)?.indicators);
  const rows = Array.isArray(p.data) ? (p.data as Row[]) : [];
  const aligned = rows.length === indicators.length && rows.every((r, i) => r?.code === indicators[i]!.code);
  useEffect(() => {
    if (!aligned && indicators.length) p.handleChange(p.path, alignedRows(indicators, p.data));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [aligned, indicators.length, p.data]);
  if (!p.visible) return null;
  const items = ((p.schema as { items?: JsonSchema }).items ?? {}) as JsonSchema;
  const label = typeof p.label === "string" ? p.label : "";
  return (
    <fieldset className={`array${p.errors ? " array-invalid" : ""}`} id={p.id}>
      <legend className="field-label">
        {label}
        {p.required && <span className="required" aria-hidden="true"> *</span>}
      </legend>
      {p.errors && <p className="field-error">{p.errors}</p>}
      <ol className="array-cards indicator-rows">
        {aligned &&
          indicators.map((ind, i) => (
            <li key={ind.code} className="array-card indicator-row">
              <div className="array-card-head">
                <span className="code">{ind.code}</span> <strong>{ind.name}</strong>
              </div>
              <p className="muted">
                {t("target")}: {typeof ind.target === "number" ? formatViNumber(ind.target) : "—"} {ind.unitOfMeasure ?? ""}
              </p>
              <JsonFormsDispatch
                schema={items}
                uischema={{ type: "Control", scope: "#/properties/value", label: t("actualOf", { name: ind.name }) } as UISchemaElement}
                path={composePaths(p.path, String(i))}
                enabled={p.enabled}
                renderers={p.renderers}
                cells={p.cells}
              />
            </li>
          ))}
      </ol>
    </fieldset>
  );
}
export const IndicatorRowsControl = withJsonFormsControlProps(IndicatorRowsList);

/** The data properties whose control lists one row per indicator (`options.rowsFrom: "indicators"`). */
function rowsFromIndicators(element: unknown, found: string[] = []): string[] {
  const el = element as { type?: string; scope?: string; options?: { rowsFrom?: unknown }; elements?: unknown[] } | null;
  if (!el || typeof el !== "object") return found;
  const m = el.type === "Control" && el.options?.rowsFrom === "indicators" ? /^#\/properties\/([^/]+)$/.exec(el.scope ?? "") : null;
  if (m) found.push(m[1]!);
  for (const child of el.elements ?? []) rowsFromIndicators(child, found);
  return found;
}

/**
 * A form's starting data with its indicator rows already in place (one per indicator, in the plan's
 * order), so that the rows never depend on a renderer's first change surviving JSON Forms' start-up.
 */
export function withIndicatorRows(uischema: unknown, data: Record<string, unknown>, indicators: unknown): Record<string, unknown> {
  const list = indicatorsOf(indicators);
  const keys = rowsFromIndicators(uischema);
  if (!list.length || !keys.length) return data;
  return { ...data, ...Object.fromEntries(keys.map((k) => [k, alignedRows(list, data[k])])) };
}
