/** A problem found in a form definition itself (not in data filled into it). */
export interface FormProblem {
  /** JSON pointer into the definition, e.g. `/uischema/elements/0/scope`. */
  path: string;
  /** Vietnamese message, naming what is wrong. */
  message: string;
  /** English message. */
  messageEn: string;
}

/** Builds a problem. */
export function problem(path: string, message: string, messageEn: string): FormProblem {
  return { path, message, messageEn };
}
