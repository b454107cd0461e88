/**
 * A form from the server rendered by JSON Forms with Hoso's renderers. Problems (from the browser's
 * validation or the server's 422) are shown in place, on the field their JSON pointer names; those
 * whose field is not on the form are listed above it.
 */
import { useMemo } from "react";
import type { JsonSchema, UISchemaElement } from "@jsonforms/core";
import { JsonForms } from "@jsonforms/react";
import type { FieldProblem } from "../lib/api";
import { useI18n } from "../lib/i18n";
import type { FormDef } from "../lib/types";
import { renderers } from "./renderers";
import { formsAjv, toJsonFormsErrors } from "./validate";

export type FormViewProps = {
  form: Pick<FormDef, "schema" | "uischema">;
  data: unknown;
  onChange(data: Record<string, unknown>): void;
  problems?: FieldProblem[];
  readonly?: boolean;
};

export function FormView({ form, data, onChange, problems = [], readonly }: FormViewProps) {
  const { lang } = useI18n();
  const errors = useMemo(() => toJsonFormsErrors(problems, lang), [problems, lang]);
  return (
    <div className="form">
      <JsonForms
        schema={form.schema as JsonSchema}
        uischema={form.uischema as UISchemaElement}
        data={data ?? {}}
        renderers={renderers}
        ajv={formsAjv}
        validationMode="NoValidation"
        additionalErrors={errors}
        readonly={readonly}
        onChange={({ data: next }) => onChange((next ?? {}) as Record<string, unknown>)}
      />
    </div>
  );
}
