/**
 * The form builder's property panel, as data: a top-level field's label, required flag, help text,
 * bounds and options read from and written back to the JSON Schema and UI schema (new objects; the
 * inputs are not changed). The label is kept in both places: the schema's `title` and the control's `label`.
 */

export type FieldOption = { const: string; title: string };
export type FieldProps = {
  label: string;
  required: boolean;
  help: string;
  /** Numbers: `minimum`/`maximum`; text: `minLength`/`maxLength`; null: not set. */
  min: number | null;
  max: number | null;
  /** Null: not a choice field. */
  options: FieldOption[] | null;
  /** Which bounds apply: numbers bound the value, text its length, other kinds none. */
  bounds: "value" | "length" | null;
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});

/** The names of the schema's top-level fields, in order. */
export function fieldNames(schema: Obj): string[] {
  return Object.keys(obj(schema.properties));
}

function boundsOf(p: Obj): FieldProps["bounds"] {
  if (p.type === "integer" || p.type === "number") return "value";
  if (p.type === "string" && !p.format && !p.oneOf && !p.enum) return "length";
  return null;
}

export function readField(schema: Obj, uischema: Obj, name: string): FieldProps {
  const p = obj(obj(schema.properties)[name]);
  const control = findControl(uischema, name);
  const bounds = boundsOf(p);
  const num = (k: string) => (typeof p[k] === "number" ? (p[k] as number) : null);
  return {
    label: typeof control?.label === "string" ? control.label : typeof p.title === "string" ? p.title : name,
    required: Array.isArray(schema.required) && schema.required.includes(name),
    help: typeof p.description === "string" ? p.description : "",
    min: bounds === "value" ? num("minimum") : bounds === "length" ? num("minLength") : null,
    max: bounds === "value" ? num("maximum") : bounds === "length" ? num("maxLength") : null,
    options: Array.isArray(p.oneOf) ? (p.oneOf as Obj[]).map((o) => ({ const: String(o.const ?? ""), title: String(o.title ?? o.const ?? "") })) : null,
    bounds,
  };
}

/** Writes `change` into the field `name`; empty help and null bounds remove the keys. */
export function writeField(schema: Obj, uischema: Obj, name: string, change: Partial<Omit<FieldProps, "bounds">>): { schema: Obj; uischema: Obj } {
  const properties = { ...obj(schema.properties) };
  const p: Obj = { ...obj(properties[name]) };
  const bounds = boundsOf(p);
  if (change.label !== undefined) p.title = change.label;
  if (change.help !== undefined) {
    if (change.help.trim()) p.description = change.help;
    else delete p.description;
  }
  const [minKey, maxKey] = bounds === "value" ? ["minimum", "maximum"] : bounds === "length" ? ["minLength", "maxLength"] : [null, null];
  for (const [key, value] of [[minKey, change.min], [maxKey, change.max]] as const) {
    if (!key || value === undefined) continue;
    if (value === null) delete p[key];
    else p[key] = value;
  }
  if (change.options !== undefined && change.options !== null && Array.isArray(p.oneOf)) p.oneOf = change.options.map((o) => ({ const: o.const, title: o.title }));
  properties[name] = p;
  let required = Array.isArray(schema.required) ? (schema.required as string[]).filter((r) => r !== name) : [];
  if (change.required ?? (Array.isArray(schema.required) && schema.required.includes(name))) required = [...required, name];
  const nextUi = change.label !== undefined ? relabel(uischema, name, change.label) : uischema;
  return { schema: { ...schema, properties, required }, uischema: nextUi };
}

/**
 * Options from the lines an admin typed (one title a line): a line keeps the value of the option it
 * replaces at the same place, so that data already filled keeps its meaning; new lines get a value made
 * from their title, unique within the list.
 */
export function optionsFromLines(lines: string[], before: FieldOption[]): FieldOption[] {
  const out: FieldOption[] = [];
  const used = new Set<string>();
  lines
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((title, i) => {
      const stem = before[i]?.const || slug(title) || "option";
      let value = stem;
      for (let n = 2; used.has(value); n++) value = `${stem}-${n}`;
      used.add(value);
      out.push({ const: value, title });
    });
  return out;
}

/** Lower-case ASCII letters and digits joined by dashes (Vietnamese marks dropped, đ as d). */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
}

function findControl(ui: Obj, name: string): Obj | null {
  if (ui.type === "Control" && ui.scope === `#/properties/${name}`) return ui;
  for (const e of Array.isArray(ui.elements) ? ui.elements : []) {
    const hit = findControl(obj(e), name);
    if (hit) return hit;
  }
  return null;
}

function relabel(ui: Obj, name: string, label: string): Obj {
  if (ui.type === "Control" && ui.scope === `#/properties/${name}`) return { ...ui, label };
  if (!Array.isArray(ui.elements)) return ui;
  return { ...ui, elements: ui.elements.map((e) => relabel(obj(e), name, label)) };
}
