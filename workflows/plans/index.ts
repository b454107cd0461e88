/** The plan lifecycle's pure parts: reporting rounds, compilation of unit reports, Vietnamese figures. */
export * from "./rounds";
export * from "./summary";
export * from "./format";
export * from "./data-rules";
