/**
 * A form from the server rendered by JSON Forms with Hoso's renderers. Problems (from the browser's
 * validation or the server's 422) are shown in place, on the field their JSON pointer names; those
 * whose field is not on the form are listed above it.
 */
import { useCallback, useMemo, useRef } from "react";
import { UPDATE_CORE, type CoreActions, type JsonFormsCore, type JsonSchema, type UISchemaElement } from "@jsonforms/core";
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
  /** What renderers may read besides the data, e.g. a report's plan indicators (`indicators`). */
  config?: Record<string, unknown>;
};

type Reducer = (state: JsonFormsCore, action: CoreActions) => JsonFormsCore;

export function FormView({ form, data, onChange, problems = [], readonly, config }: FormViewProps) {
  const { lang } = useI18n();
  const errors = useMemo(() => toJsonFormsErrors(problems, lang), [problems, lang]);
  // JSON Forms tells us its data 10 ms after a change (debounced), and re-applies its `data` prop
  // whenever any prop changes (e.g. the problems shown). Data it emitted itself, coming back through
  // the parent's state, may be older than what it holds by then: keep what it holds, so no keystroke
  // is lost. Data from elsewhere (a draft loaded, a form reset) replaces it as usual.
  const emitted = useRef(new WeakSet<object>());
  const middleware = useCallback((state: JsonFormsCore, action: CoreActions, reducer: Reducer) => {
    if (action.type === UPDATE_CORE && state.data !== undefined && typeof action.data === "object" && action.data !== null && emitted.current.has(action.data)) {
      return reducer(state, { ...action, data: state.data });
    }
    return reducer(state, action);
  }, []);
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
        config={config}
        middleware={middleware}
        onChange={({ data: next }) => {
          const value = (next ?? {}) as Record<string, unknown>;
          emitted.current.add(value);
          onChange(value);
        }}
      />
    </div>
  );
}
