/** The field kinds an admin can add to a form, as a JSON Schema property and a UI schema control. */
export type FieldKind = "text" | "number" | "date" | "choice" | "amount" | "cccd" | "attachment" | "group";

export const FIELD_KINDS: Array<{ kind: FieldKind; vi: string; en: string }> = [
  { kind: "text", vi: "Văn bản", en: "Text" },
  { kind: "number", vi: "Số", en: "Number" },
  { kind: "date", vi: "Ngày", en: "Date" },
  { kind: "choice", vi: "Lựa chọn", en: "Choice" },
  { kind: "amount", vi: "Số tiền (₫)", en: "Amount (₫)" },
  { kind: "cccd", vi: "Số CCCD", en: "ID number (CCCD)" },
  { kind: "attachment", vi: "Tệp đính kèm", en: "Attachment" },
  { kind: "group", vi: "Nhóm lặp lại", en: "Repeating group" },
];

export function propertyFor(kind: FieldKind, title: string): Record<string, unknown> {
  switch (kind) {
    case "text":
      return { type: "string", title };
    case "number":
      return { type: "integer", title, minimum: 0 };
    case "date":
      return { type: "string", format: "date", title };
    case "choice":
      return { type: "string", title, oneOf: [{ const: "a", title: "Phương án A" }, { const: "b", title: "Phương án B" }] };
    case "amount":
      return { type: "integer", format: "vnd", title, minimum: 0 };
    case "cccd":
      return { type: "string", format: "cccd", title };
    case "attachment":
      return { type: "string", format: "attachment", title };
    case "group":
      return {
        type: "array",
        title,
        items: { type: "object", properties: { name: { type: "string", title: "Họ và tên" }, note: { type: "string", title: "Ghi chú" } }, required: ["name"] },
      };
  }
}

/** Adds a field of `kind` to a form's schema and UI schema (new objects; the inputs are not changed). */
export function addField(schema: Record<string, unknown>, uischema: Record<string, unknown>, kind: FieldKind, title: string) {
  const properties = { ...((schema.properties as Record<string, unknown>) ?? {}) };
  let n = Object.keys(properties).length + 1;
  while (`field${n}` in properties) n++;
  const name = `field${n}`;
  properties[name] = propertyFor(kind, title);
  const control: Record<string, unknown> = { type: "Control", scope: `#/properties/${name}`, label: title };
  const elements = [...((uischema.elements as unknown[]) ?? []), control];
  return { schema: { ...schema, properties }, uischema: { type: "VerticalLayout", ...uischema, elements } };
}
