/** A summary of what to fix above a form: field name and message for each problem. */
import type { FieldProblem } from "../lib/api";
import { useI18n } from "../lib/i18n";
import type { JsonSchema } from "../lib/types";

/** The human name of the field a JSON pointer names: `/members/1/cccd` → `Danh sách thành viên (dòng 2) › Số CCCD`. */
export function fieldName(schema: JsonSchema | undefined, pointer: string): string {
  const tokens = pointer.split("/").slice(1).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  const names: string[] = [];
  let s = schema;
  for (const token of tokens) {
    if (/^\d+$/.test(token) && s?.items) {
      if (names.length) names[names.length - 1] += ` (${Number(token) + 1})`;
      s = s.items;
    } else {
      s = s?.properties?.[token];
      names.push(s?.title ?? token);
    }
  }
  return names.join(" › ");
}

export function ProblemList({ problems, schema, title }: { problems: FieldProblem[]; schema?: JsonSchema | undefined; title?: string }) {
  const { t, lang } = useI18n();
  if (problems.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title ?? t("fixErrors")}</strong>
      <ul className="problem-list">
        {problems.slice(0, 12).map((p, i) => {
          const name = p.path && p.path !== "/" ? fieldName(schema, p.path) : "";
          return (
            <li key={i}>
              {name && <span className="problem-field">{name}: </span>}
              {(lang === "en" && p.messageEn) || p.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
