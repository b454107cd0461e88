/**
 * What a page of the built web UI downloads: the entry chunk (from `web/dist/index.html`) and the
 * page's lazily loaded chunk, each with everything it imports statically, measured raw and gzipped.
 * `npx tsx scripts/bundle-sizes.ts` prints the table quoted in the README (run `npm run build` first).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const DIST = join(fileURLToPath(import.meta.url), "..", "..", "web", "dist");
const ASSETS = join(DIST, "assets");

/** The page chunks of the routes people land on (file names start with the page's module name). */
export const PAGES = {
  applicantList: "MyDossiers",
  applicantForm: "DossierEditor",
  inbox: "Inbox",
  dossier: "DossierPage",
  dashboard: "Dashboard",
  planTracking: "PlanTracking",
  formBuilder: "FormBuilder",
  workflowEditor: "WorkflowEditor",
} as const;

/** The admin editors' chunks: nobody but an admin should download them. */
export const ADMIN_CHUNKS = ["AdminLayout", "FormBuilder", "FormList", "WorkflowEditor", "WorkflowList", "JsonEditor", "Units", "Users"];

function chunkFile(name: string): string {
  const file = readdirSync(ASSETS).find((f) => f.startsWith(`${name}-`) && f.endsWith(".js"));
  if (!file) throw new Error(`no chunk named ${name} in web/dist/assets (run npm run build)`);
  return file;
}

function entryFiles(): string[] {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}

/** `file` and every chunk it imports statically (dynamic `import()` — the lazy routes — not followed). */
export function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (!file.endsWith(".js")) return seen;
  const code = readFileSync(join(ASSETS, file), "utf8");
  for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)) staticClosure(m[1]!, seen);
  return seen;
}

/** The files a page downloads: the entry's closure plus its own chunk's closure. */
export function pageFiles(page: string): string[] {
  const files = new Set<string>();
  for (const f of entryFiles()) staticClosure(f, files);
  staticClosure(chunkFile(page), files);
  return [...files].sort();
}

/** Raw and gzipped bytes of a set of built files. */
export function sizeOf(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(ASSETS, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log("| page | files | JS+CSS raw | gzipped |\n|---|---|---|---|");
  for (const [label, page] of Object.entries(PAGES)) {
    const files = pageFiles(page);
    const { raw, gzip } = sizeOf(files);
    console.log(`| ${label} (${page}) | ${files.length} | ${kb(raw)} | ${kb(gzip)} |`);
  }
}
