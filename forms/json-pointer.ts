/**
 * JSON Pointer (RFC 6901) helpers. Field errors and form-check problems are reported as pointers,
 * so that the server and the browser can attach a message to the exact field.
 */

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Parses a pointer (`/a/b~1c`, or a JSON Forms scope `#/a/b`) into unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  const p = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (p === "") return [];
  return p
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Appends tokens to a pointer.
 *
 * @example
 * joinPointer("/members", 1, "cccd") // "/members/1/cccd"
 */
export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return base + tokens.map((t) => "/" + escapePointerToken(t)).join("");
}
