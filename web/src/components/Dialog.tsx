/**
 * A modal dialog on the browser's own `<dialog>` and `showModal()`: the page behind becomes inert (no
 * focus, no clicks, screen readers do not wander out), focus moves into it, Escape closes it, and on
 * closing focus goes back to the control that opened it. Render it to open it; unmount it to close.
 * Tab and Shift+Tab go round inside the dialog (a modal dialog alone would let Tab out to the browser's
 * own toolbar, and then to the page's body).
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

const TABBABLE = "a[href], button:not(:disabled), input:not(:disabled):not([type=hidden]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex='-1'])";

/** The dialog's tab stops in order; a radio group is one stop (its checked radio, else its first). */
function tabStops(root: HTMLElement): HTMLElement[] {
  const seen = new Set<string>();
  const stops: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>(TABBABLE)) {
    if (!el.getClientRects().length) continue;
    if (el instanceof HTMLInputElement && el.type === "radio" && el.name) {
      if (seen.has(el.name)) continue;
      seen.add(el.name);
      const checked = root.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`);
      stops.push(checked ?? el);
    } else stops.push(el);
  }
  return stops;
}

/** Same tab stop: the element itself, or another radio of the same group. */
const sameStop = (a: Element | null, b: HTMLElement) =>
  a === b || (a instanceof HTMLInputElement && b instanceof HTMLInputElement && a.type === "radio" && b.type === "radio" && !!a.name && a.name === b.name);

function keepTabInside(e: KeyboardEvent<HTMLDialogElement>) {
  if (e.key !== "Tab") return;
  const stops = tabStops(e.currentTarget);
  if (!stops.length) return e.preventDefault();
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  const at = document.activeElement;
  const leaving = e.shiftKey ? sameStop(at, first) || at === e.currentTarget : sameStop(at, last);
  if (!leaving) return;
  e.preventDefault();
  (e.shiftKey ? last : first).focus();
}

type Props = {
  /** The id of the dialog's heading, which names it. */
  labelledBy: string;
  /** Called on Escape, on a click on the backdrop, and when the browser closes the dialog itself. */
  onClose(): void;
  className?: string;
  children: ReactNode;
};

export function Dialog({ labelledBy, onClose, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away (a row reloaded after the action): then the page's main region.
      if (opener?.isConnected) opener.focus();
      else document.getElementById("main")?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ""}`}
      aria-labelledby={labelledBy}
      onKeyDown={keepTabInside}
      onCancel={(e) => {
        // Escape: closing is the parent's decision (it unmounts us), not the browser's.
        e.preventDefault();
        close.current();
      }}
      // Ignored while open: the close queued by an earlier unmount (React's strict double effects) lands after reopening.
      onClose={(e) => !e.currentTarget.open && close.current()}
      // The dialog element itself only receives clicks on its backdrop: its content sits in `.modal-body`.
      onClick={(e) => e.target === e.currentTarget && close.current()}
    >
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
