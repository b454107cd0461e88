import associationFounding from "./definitions/association-founding.json";

/** The definitions that ship with Hoso, loaded into the database at start-up. */
export const builtinDefinitions: unknown[] = [associationFounding];
