/** The frame of every form control: label (with a required mark), hint, the control, its error. */
import type { ReactNode } from "react";

export type FieldProps = {
  id: string;
  label: string;
  required?: boolean;
  description?: string | undefined;
  errors?: string;
  visible?: boolean;
  srOnlyLabel?: boolean;
  children: ReactNode;
  as?: "div" | "fieldset";
};

/** The id of the input inside a field, for `<label htmlFor>`. */
export const inputId = (id: string) => `${id}-input`;
export const errorId = (id: string) => `${id}-error`;

export function Field({ id, label, required, description, errors, visible = true, srOnlyLabel, children }: FieldProps) {
  if (!visible) return null;
  return (
    <div className={`field${errors ? " field-invalid" : ""}`} id={id}>
      {label && (
        <label className={srOnlyLabel ? "sr-only" : "field-label"} htmlFor={inputId(id)}>
          {label}
          {required && <span className="required" aria-hidden="true"> *</span>}
        </label>
      )}
      {description && <p className="field-hint">{description}</p>}
      {children}
      {errors && (
        <p className="field-error" id={errorId(id)} role="alert">
          {errors}
        </p>
      )}
    </div>
  );
}

/** aria attributes tying an input to its error. */
export function ariaFor(id: string, errors: string | undefined, required?: boolean) {
  return {
    id: inputId(id),
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": errors ? errorId(id) : undefined,
    "aria-required": required ? true : undefined,
  } as const;
}
