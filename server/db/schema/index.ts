export * from "./workflows";
export * from "./instances";
