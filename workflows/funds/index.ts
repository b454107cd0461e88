export * from "./names";
export { identityOf, linesOf, validClearances, type Clearance, type FundLine, type LineIdentity } from "./lines";
