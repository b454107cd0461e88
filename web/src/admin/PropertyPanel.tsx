/**
 * Admin: the form builder's property panel. Pick a field, then edit its label, whether it is required,
 * its help text, its bounds and its options; every change is written into the JSON at once, so the
 * editor and the live preview beside it follow.
 */
import { useState } from "react";
import { useI18n } from "../lib/i18n";
import { fieldNames, optionsFromLines, readField, writeField } from "./field-properties";

type Obj = Record<string, unknown>;

export function PropertyPanel({ schema, uischema, onChange }: { schema: Obj; uischema: Obj; onChange(next: { schema: Obj; uischema: Obj }): void }) {
  const { lang } = useI18n();
  const en = lang === "en";
  const names = fieldNames(schema);
  const [picked, setPicked] = useState("");
  const name = names.includes(picked) ? picked : (names[names.length - 1] ?? "");
  if (!name) return <p className="muted">{en ? "Add a field from the palette to edit its properties." : "Thêm một trường từ bảng trường để sửa thuộc tính của nó."}</p>;
  const f = readField(schema, uischema, name);
  const set = (change: Parameters<typeof writeField>[3]) => onChange(writeField(schema, uischema, name, change));
  const bound = (v: string) => (v.trim() === "" || !Number.isFinite(Number(v)) ? null : Number(v));
  const [minLabel, maxLabel] = f.bounds === "value" ? (en ? ["Minimum", "Maximum"] : ["Giá trị nhỏ nhất", "Giá trị lớn nhất"]) : en ? ["Minimum length", "Maximum length"] : ["Độ dài tối thiểu", "Độ dài tối đa"];
  return (
    <section className="property-panel" aria-labelledby="props-title">
      <h2 id="props-title">{en ? "Field properties" : "Thuộc tính trường"}</h2>
      <div className="field">
        <label className="field-label" htmlFor="prop-field">{en ? "Field" : "Trường"}</label>
        <select id="prop-field" className="input select" value={name} onChange={(e) => setPicked(e.target.value)}>
          {names.map((n) => <option key={n} value={n}>{readField(schema, uischema, n).label} ({n})</option>)}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="prop-label">{en ? "Label" : "Nhãn"}</label>
        <input id="prop-label" className="input" value={f.label} onChange={(e) => set({ label: e.target.value })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={f.required} onChange={(e) => set({ required: e.target.checked })} /> {en ? "Required" : "Bắt buộc"}
      </label>
      <div className="field">
        <label className="field-label" htmlFor="prop-help">{en ? "Help text" : "Hướng dẫn"}</label>
        <input id="prop-help" className="input" value={f.help} onChange={(e) => set({ help: e.target.value })} />
      </div>
      {f.bounds && (
        <div className="prop-bounds">
          <div className="field">
            <label className="field-label" htmlFor="prop-min">{minLabel}</label>
            <input id="prop-min" className="input" type="number" inputMode="numeric" value={f.min ?? ""} onChange={(e) => set({ min: bound(e.target.value) })} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="prop-max">{maxLabel}</label>
            <input id="prop-max" className="input" type="number" inputMode="numeric" value={f.max ?? ""} onChange={(e) => set({ max: bound(e.target.value) })} />
          </div>
        </div>
      )}
      {f.options && (
        <OptionLines key={name} options={f.options} onChange={(lines) => set({ options: optionsFromLines(lines, f.options!) })} label={en ? "Options (one a line)" : "Các lựa chọn (mỗi dòng một lựa chọn)"} />
      )}
    </section>
  );
}

/** The options as lines of text; kept as typed (an empty line while typing) and written back on each change. */
function OptionLines({ options, onChange, label }: { options: { title: string }[]; onChange(lines: string[]): void; label: string }) {
  const [text, setText] = useState(options.map((o) => o.title).join("\n"));
  return (
    <div className="field">
      <label className="field-label" htmlFor="prop-options">{label}</label>
      <textarea
        id="prop-options"
        className="input"
        rows={Math.max(3, options.length + 1)}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.split("\n"));
        }}
      />
    </div>
  );
}
