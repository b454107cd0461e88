/**
 * The basic controls: text (and multi-line), integer and number, choice (enum / oneOf const), yes/no,
 * date as dd/mm/yyyy, CCCD and phone numbers, VND amounts. Each one is a JSON Forms renderer with a
 * tester; `renderers.ts` lists them.
 */
import { useEffect, useRef, useState } from "react";
import type { ControlProps, JsonSchema } from "@jsonforms/core";
import { withJsonFormsControlProps } from "@jsonforms/react";
import { formatDateVi, formatViNumber, parseDateVi, parseViNumber, parseVnd } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { ariaFor, Field } from "./Field";

function fieldBase(p: ControlProps) {
  return {
    id: p.id,
    label: typeof p.label === "string" ? p.label : "",
    required: p.required,
    description: p.description,
    errors: p.errors,
    visible: p.visible,
    srOnlyLabel: !!p.uischema.options?.srOnlyLabel,
  };
}

function Text(p: ControlProps) {
  const multi = !!p.uischema.options?.multi;
  const schema = p.schema as JsonSchema & { maxLength?: number; format?: string };
  const common = {
    ...ariaFor(p.id, p.errors, p.required),
    className: "input",
    value: typeof p.data === "string" ? p.data : "",
    disabled: !p.enabled,
    maxLength: schema.maxLength,
  };
  const set = (v: string) => p.handleChange(p.path, v === "" ? undefined : v);
  return (
    <Field {...fieldBase(p)}>
      {multi ? (
        <textarea {...common} rows={4} onChange={(e) => set(e.target.value)} />
      ) : (
        <input {...common} type={schema.format === "email" ? "email" : "text"} onChange={(e) => set(e.target.value)} />
      )}
    </Field>
  );
}
export const TextControl = withJsonFormsControlProps(Text);

/** CCCD (12 digits) and Vietnamese phone numbers: digits only, numeric keyboard on phones. */
function Digits(p: ControlProps) {
  const format = (p.schema as { format?: string }).format;
  return (
    <Field {...fieldBase(p)}>
      <input
        {...ariaFor(p.id, p.errors, p.required)}
        className="input input-mono"
        type={format === "phone-vn" ? "tel" : "text"}
        inputMode={format === "phone-vn" ? "tel" : "numeric"}
        autoComplete="off"
        maxLength={format === "cccd" ? 12 : 12}
        placeholder={format === "cccd" ? "001090012345" : "0912345678"}
        value={typeof p.data === "string" ? p.data : ""}
        disabled={!p.enabled}
        onChange={(e) => p.handleChange(p.path, e.target.value.replace(format === "phone-vn" ? /[^\d+]/g : /\D/g, "") || undefined)}
      />
    </Field>
  );
}
export const DigitsControl = withJsonFormsControlProps(Digits);

/**
 * An integer or number typed the Vietnamese way (`37.754`, `1.234,5`), read by the form core's
 * `parseViNumber`. What it cannot read is kept as typed (so the form cannot be sent) with a message once
 * the official leaves the field, never reinterpreted; a value read is shown back grouped (`37.754`).
 */
function NumberInput(p: ControlProps) {
  const { lang } = useI18n();
  const schema = p.schema as { type?: unknown; minimum?: number; maximum?: number };
  const integer = schema.type === "integer";
  // A year (bounded within four digits, like "Năm sinh" 1900–2010) is written 1958, not 1.958.
  const grouping = !(integer && (schema.minimum ?? 0) >= 1000 && (schema.maximum ?? Infinity) <= 9999);
  const show = (n: number) => formatViNumber(n, { grouping });
  const value = typeof p.data === "number" ? p.data : undefined;
  const [text, setText] = useState(value === undefined ? (typeof p.data === "string" ? p.data : "") : show(value));
  const [problem, setProblem] = useState<string | null>(null);
  const [left, setLeft] = useState(false);
  useEffect(() => {
    // A value set from outside (a draft loaded, a reset) is shown the Vietnamese way; the text typed is kept.
    const reading = parseViNumber(text, { integer });
    if ((reading.ok ? reading.value : undefined) !== value && !problem) setText(value === undefined ? "" : show(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  // While a problem stands the schema's own "must be a number" is replaced by what is expected.
  const errors = problem ? (left ? problem : "") : p.errors;
  return (
    <Field {...fieldBase(p)} errors={errors}>
      <input
        {...ariaFor(p.id, errors, p.required)}
        className="input input-number"
        type="text"
        inputMode={integer ? "numeric" : "decimal"}
        autoComplete="off"
        value={text}
        disabled={!p.enabled}
        onBlur={() => {
          setLeft(true);
          if (!problem && value !== undefined) setText(show(value));
        }}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          setLeft(false);
          const reading = parseViNumber(raw, { integer });
          if (reading.ok) {
            setProblem(null);
            p.handleChange(p.path, reading.value);
          } else if (reading.code === "NUMBER_EMPTY") {
            setProblem(null);
            p.handleChange(p.path, undefined);
          } else {
            setProblem(lang === "en" ? reading.messageEn : reading.message);
            p.handleChange(p.path, raw);
          }
        }}
      />
    </Field>
  );
}
export const NumberControl = withJsonFormsControlProps(NumberInput);

/** The options of a choice: `oneOf: [{ const, title }]` or `enum`. */
export function choicesOf(schema: JsonSchema | undefined): Array<{ value: unknown; label: string }> {
  if (!schema) return [];
  if (Array.isArray(schema.oneOf)) return schema.oneOf.map((o) => ({ value: (o as { const?: unknown }).const, label: String((o as { title?: string }).title ?? (o as { const?: unknown }).const) }));
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => ({ value: v, label: String(v) }));
  return [];
}

function Choice(p: ControlProps) {
  const { t } = useI18n();
  const options = choicesOf(p.schema);
  const index = options.findIndex((o) => o.value === p.data);
  if (options.length <= 4 && p.uischema.options?.format === "radio") {
    return (
      <Field {...fieldBase(p)}>
        <div className="radio-row" role="radiogroup" aria-labelledby={p.id}>
          {options.map((o, i) => (
            <label key={i} className="radio">
              <input type="radio" name={p.id} checked={i === index} disabled={!p.enabled} onChange={() => p.handleChange(p.path, o.value)} /> {o.label}
            </label>
          ))}
        </div>
      </Field>
    );
  }
  return (
    <Field {...fieldBase(p)}>
      <select
        {...ariaFor(p.id, p.errors, p.required)}
        className="input select"
        value={index < 0 ? "" : String(index)}
        disabled={!p.enabled}
        onChange={(e) => p.handleChange(p.path, e.target.value === "" ? undefined : options[Number(e.target.value)]?.value)}
      >
        <option value="">{t("choose")}</option>
        {options.map((o, i) => (
          <option key={i} value={i}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
export const ChoiceControl = withJsonFormsControlProps(Choice);

function YesNo(p: ControlProps) {
  if (!p.visible) return null;
  return (
    <div className={`field field-check${p.errors ? " field-invalid" : ""}`} id={p.id}>
      <label className="check">
        <input {...ariaFor(p.id, p.errors)} type="checkbox" checked={p.data === true} disabled={!p.enabled} onChange={(e) => p.handleChange(p.path, e.target.checked)} />
        <span>{p.label}</span>
      </label>
      {p.errors && <p className="field-error" role="alert">{p.errors}</p>}
    </div>
  );
}
export const BooleanControl = withJsonFormsControlProps(YesNo);

/** A date typed as dd/mm/yyyy (stored as ISO), with the browser's calendar one click away. */
function DateInput(p: ControlProps) {
  const { t, lang } = useI18n();
  const iso = typeof p.data === "string" ? p.data : "";
  const shown = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? safeFormat(iso) : iso;
  const [text, setText] = useState(shown);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (parseDateVi(text) !== iso && text !== iso) setText(shown);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [iso]);
  const commit = (raw: string) => {
    setText(raw);
    if (raw.trim() === "") return p.handleChange(p.path, undefined);
    p.handleChange(p.path, parseDateVi(raw) ?? raw);
  };
  return (
    <Field {...fieldBase(p)}>
      <div className="input-group date-group">
        <input
          {...ariaFor(p.id, p.errors, p.required)}
          className="input"
          inputMode="numeric"
          placeholder={t("datePlaceholder")}
          value={text}
          disabled={!p.enabled}
          onChange={(e) => commit(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-ghost input-addon"
          aria-label={lang === "en" ? "Open calendar" : "Mở lịch"}
          disabled={!p.enabled}
          onClick={() => {
            const el = picker.current;
            if (!el) return;
            try {
              el.showPicker();
            } catch {
              el.focus();
            }
          }}
        >
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM5 6v2h14V6H5Z" /></svg>
        </button>
        <input
          ref={picker}
          type="date"
          className="date-native"
          tabIndex={-1}
          aria-hidden="true"
          value={/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : ""}
          onChange={(e) => {
            const v = e.target.value;
            setText(v ? safeFormat(v) : "");
            p.handleChange(p.path, v || undefined);
          }}
        />
      </div>
    </Field>
  );
}
function safeFormat(iso: string): string {
  try {
    return formatDateVi(iso);
  } catch {
    return iso;
  }
}
export const DateControl = withJsonFormsControlProps(DateInput);

const group = (n: number) => n.toLocaleString("vi-VN", { maximumFractionDigits: 0 });

/**
 * An amount in đồng: grouped with dots as it is typed, `₫` beside it, stored as an integer. Read by the
 * form core's `parseVnd`, as the server reads it: `2.000.000,00` is two million, `2.000.000,5` refused.
 */
function Vnd(p: ControlProps) {
  const { lang } = useI18n();
  const value = typeof p.data === "number" ? p.data : undefined;
  const [text, setText] = useState(value === undefined ? "" : group(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const reading = parseVnd(text, { looseGroups: true });
    if ((reading.ok ? reading.value : undefined) !== value && !problem) setText(value === undefined ? "" : group(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const errors = [problem, p.errors].filter(Boolean).join("\n");
  return (
    <Field {...fieldBase(p)} errors={errors}>
      <div className="input-group">
        <input
          {...ariaFor(p.id, errors, p.required)}
          className="input input-number"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          disabled={!p.enabled}
          onChange={(e) => {
            const typed = e.target.value;
            const reading = parseVnd(typed, { looseGroups: true });
            if (reading.ok) {
              setProblem(null);
              // Digits are regrouped as they come; after a decimal comma the text is left as typed, so
              // that the zeros typed next stay decimals ("2.000.000,00" never becomes 200.000.000).
              setText(typed.includes(",") ? typed : group(reading.value));
              p.handleChange(p.path, reading.value);
            } else {
              setText(typed);
              setProblem(reading.code === "VND_EMPTY" ? null : lang === "en" ? reading.messageEn : reading.message);
              p.handleChange(p.path, undefined);
            }
          }}
        />
        <span className="input-suffix" aria-hidden="true">₫</span>
      </div>
    </Field>
  );
}
export const VndControl = withJsonFormsControlProps(Vnd);
