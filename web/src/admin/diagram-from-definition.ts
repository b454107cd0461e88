/** Turns a workflow definition (as typed in the editor) into the flat state list the diagram draws. */
import type { DiagramState, Localized } from "../lib/types";

type Node = { type?: string; title?: Localized; states?: Record<string, Node>; on?: Record<string, unknown>; always?: unknown; assignee?: { role?: string } };

export function diagramStates(definition: unknown): DiagramState[] {
  const out: DiagramState[] = [];
  const root = definition as { states?: Record<string, Node> } | null;
  const walk = (states: Record<string, Node> | undefined, parent: string | null) => {
    for (const [name, node] of Object.entries(states ?? {})) {
      if (!node || typeof node !== "object") continue;
      const transitions = Object.entries(node.on ?? {}).flatMap(([event, spec]) =>
        (Array.isArray(spec) ? spec : [spec])
          .filter((t): t is { target: string; title?: Localized; form?: string } => !!t && typeof t === "object" && typeof (t as { target?: unknown }).target === "string")
          .map((t) => ({ event, target: t.target, title: t.title ?? null, form: t.form ?? null })),
      );
      const kind = node.type ?? (node.states ? "compound" : "atomic");
      out.push({ name, title: node.title ?? null, parent, kind, assignee: node.assignee ?? null, deadline: null, transitions });
      if (node.states) walk(node.states, name);
    }
  };
  walk(root?.states, null);
  return out;
}
