import { CHILD_UPDATE } from "./children";

/** The event recorded when an unfinished start form is saved again: its data replaces the dossier's data. */
export const SAVE_DRAFT = "SAVE_DRAFT";

/** Event names the engine gives a meaning of its own (history only); a definition may not declare them. */
export const RESERVED_EVENTS: readonly string[] = ["START", SAVE_DRAFT, CHILD_UPDATE];
