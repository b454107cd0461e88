export * from "./workflows";
export * from "./forms";
export * from "./instances";
export * from "./people";
export * from "./tasks";
export * from "./attachments";
export * from "./time";
export * from "./funds";
