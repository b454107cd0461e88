export * from "./names";
export { linesOf, type FundLine } from "./lines";
