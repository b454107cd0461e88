/**
 * Where each JSON pointer of a document starts in its text, so a server problem (`/states/review/on`)
 * can be shown at its line. A small scanner over valid JSON; on invalid text it returns what it found.
 */
export function pointerOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return "";
    }
  };
  const esc = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");
  const value = (ptr: string, keyAt: number): void => {
    ws();
    out.set(ptr, keyAt >= 0 ? keyAt : i);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      while (i < text.length && text[i] !== "}") {
        ws();
        const at = i;
        const key = str();
        ws();
        i++; // :
        value(`${ptr}/${esc(key)}`, at);
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === "[") {
      i++;
      let n = 0;
      ws();
      while (i < text.length && text[i] !== "]") {
        value(`${ptr}/${n++}`, -1);
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === '"') str();
    else while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  try {
    value("", -1);
  } catch {
    /* partial map */
  }
  return out;
}

/** The 1-based line of a pointer (or of its nearest ancestor that exists). */
export function lineOf(text: string, pointer: string, offsets = pointerOffsets(text)): number {
  let p = pointer;
  while (p && !offsets.has(p)) p = p.slice(0, p.lastIndexOf("/"));
  const at = offsets.get(p) ?? 0;
  return text.slice(0, at).split("\n").length;
}
