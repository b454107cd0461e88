/** Picks an organisation unit from the tree (`x-unit-picker: { level }` limits the kinds offered). */
import { useEffect, useState } from "react";
import type { ControlProps } from "@jsonforms/core";
import { withJsonFormsControlProps } from "@jsonforms/react";
import { useI18n } from "../lib/i18n";
import { ariaFor, Field } from "./Field";
import { loadUnits, type UnitRow } from "./units";

function UnitPicker(p: ControlProps) {
  const { t } = useI18n();
  const [units, setUnits] = useState<UnitRow[] | null | undefined>(undefined);
  useEffect(() => {
    void loadUnits().then(setUnits);
  }, []);
  const level = ((p.schema as Record<string, unknown>)["x-unit-picker"] as { level?: string } | undefined)?.level ?? "any";
  const value = typeof p.data === "string" ? p.data : "";
  const base = { id: p.id, label: typeof p.label === "string" ? p.label : "", required: p.required, description: p.description, errors: p.errors, visible: p.visible };
  if (units === null) {
    return (
      <Field {...base}>
        <input {...ariaFor(p.id, p.errors, p.required)} className="input" value={value} disabled={!p.enabled} onChange={(e) => p.handleChange(p.path, e.target.value || undefined)} />
      </Field>
    );
  }
  const offered = (units ?? []).filter((u) => level === "any" || u.kind === level || u.id === value);
  return (
    <Field {...base}>
      <select {...ariaFor(p.id, p.errors, p.required)} className="input select" value={value} disabled={!p.enabled || !units} onChange={(e) => p.handleChange(p.path, e.target.value || undefined)}>
        <option value="">{units ? t("choose") : t("loading")}</option>
        {offered.map((u) => (
          <option key={u.id} value={u.id}>
            {"\u00a0\u00a0".repeat(level === "any" ? u.depth : 0)}
            {u.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
export const UnitControl = withJsonFormsControlProps(UnitPicker);
