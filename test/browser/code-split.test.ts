/**
 * The built web UI is split by area: the inbox and the applicant's pages download neither the admin
 * editors nor (for the lists) the form engine and the diagram library. Sizes: `npx tsx scripts/bundle-sizes.ts`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_CHUNKS, pageFiles } from "../../scripts/bundle-sizes";
import { ensureWebBuild } from "../../scripts/web-build";

const chunk = (file: string) => file.replace(/-[\w-]{8}\.(js|css)$/, "");

describe("code splitting of the web UI", () => {
  beforeAll(async () => {
    await ensureWebBuild();
  }, 180_000);

  it("keeps the admin editors out of the inbox and the applicant's pages", () => {
    for (const page of ["Inbox", "MyDossiers", "DossierEditor", "DossierPage", "Dashboard", "PlanTracking"]) {
      const chunks = pageFiles(page).map(chunk);
      expect(chunks.filter((c) => ADMIN_CHUNKS.includes(c)), page).toEqual([]);
    }
  });

  it("loads the form engine and the diagram library only on pages that draw them", () => {
    const inbox = pageFiles("Inbox").map(chunk);
    expect(inbox).not.toContain("use-form");
    expect(inbox).not.toContain("WorkflowDiagram");
    expect(pageFiles("MyDossiers").map(chunk)).not.toContain("use-form");
    expect(pageFiles("DossierEditor").map(chunk)).toContain("use-form");
    expect(pageFiles("DossierPage").map(chunk)).toContain("WorkflowDiagram");
    expect(pageFiles("FormBuilder").map(chunk)).toContain("JsonEditor");
  });
});
