export * from "./workflows";
export * from "./instances";
export * from "./people";
export * from "./tasks";
