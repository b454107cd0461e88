export * from "./demo-world";
export { seedDemo, demoAccountLines, demoAccountsPresent, SeedRefused } from "./seed";
