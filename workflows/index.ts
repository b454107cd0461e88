export * from "./definition-schema";
export * from "./definition-problems";
export * from "./compile";
export * from "./engine";
export * from "./reserved-events";
export * from "./errors";
export * from "./state-index";
export { builtinDefinitions } from "./builtin";
export * from "./assignee";
