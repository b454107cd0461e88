import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scheduler } from "../../server/scheduler/scheduler";
import { databaseKinds } from "../support/databases";
import { foundingApplication, sampleEventData } from "../support/founding";
import { createDemoApp, DEMO_UNITS, type DemoApp } from "../support/demo";
import type { TestUser } from "../support/harness";
import { DEMO_PLAN_DATA } from "../../server/seed/demo-plan";

/** The world every row below is checked in. */
type World = {
  dossierId: string;
  planId: string;
  taskId: string;
  unitId: string;
  userId: string;
  grantId: string;
  attachmentId: string;
  notificationId: string;
  fundId: string;
  entryId: string;
  fundRequestId: string;
  ctdChuyenVien: TestUser;
  ctdKeToan: TestUser;
  documentId: string;
  nguoinop: TestUser;
  chuyenvien: TestUser;
  colleague: TestUser;
  outsider: TestUser;
};
type Row = {
  method: string;
  path: (w: World) => string;
  body?: (w: World) => unknown;
  /** Who is signed in but lacks the role: 403. */
  wrongRole?: (w: World) => TestUser;
  /** Who works elsewhere: 404, the thing's existence is not revealed. */
  otherUnit?: (w: World) => TestUser;
};

/** Every route that needs a session (style §9): no session → 401, wrong role → 403, other unit → 404. */
const ROUTES: Row[] = [
  { method: "GET", path: () => "/api/me" },
  { method: "GET", path: () => "/api/units" },
  { method: "GET", path: () => "/api/workflows" },
  { method: "GET", path: () => "/api/workflows/association-founding" },
  { method: "POST", path: () => "/api/workflows", body: () => ({ key: "x" }), wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/workflows/association-founding/versions", wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: () => "/api/workflows/association-founding/diff", body: () => ({ key: "x" }), wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/workflows/association-founding/versions/1/diff", wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: () => "/api/workflows/association-founding/versions/1/restore", body: () => ({ expectedCurrent: 1 }), wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/instances" },
  { method: "POST", path: () => "/api/instances", body: () => ({ workflow: "association-founding", data: {} }) },
  { method: "GET", path: (w) => `/api/instances/${w.dossierId}`, otherUnit: (w) => w.outsider },
  {
    method: "POST",
    path: (w) => `/api/instances/${w.dossierId}/events`,
    body: () => ({ type: "PROPOSE" }),
    wrongRole: (w) => w.nguoinop,
    otherUnit: (w) => w.outsider,
  },
  { method: "GET", path: (w) => `/api/instances/${w.dossierId}/rating`, otherUnit: (w) => w.outsider },
  { method: "POST", path: (w) => `/api/instances/${w.dossierId}/rating`, body: () => ({ level: "satisfied" }), wrongRole: (w) => w.chuyenvien, otherUnit: (w) => w.outsider },
  {
    method: "PUT",
    path: (w) => `/api/instances/${w.dossierId}/draft`,
    body: () => ({ data: {} }),
    wrongRole: (w) => w.chuyenvien,
    otherUnit: (w) => w.outsider,
  },
  { method: "GET", path: () => "/api/forms" },
  { method: "GET", path: () => "/api/forms/association-founding" },
  { method: "POST", path: () => "/api/forms", body: () => ({ key: "x" }), wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: () => "/api/attachments" },
  { method: "GET", path: (w) => `/api/attachments/${w.attachmentId}`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/attachments/${w.attachmentId}/inline`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/plans/${w.planId}/tracking`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/plans/${w.planId}/summary`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/plans/${w.planId}/summary.csv`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/plans/${w.planId}/summary.xlsx`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/plans/${w.planId}/summary/print`, otherUnit: (w) => w.outsider },
  { method: "GET", path: () => "/api/tasks" },
  { method: "GET", path: () => "/api/tasks/counts" },
  { method: "POST", path: (w) => `/api/tasks/${w.taskId}/claim`, otherUnit: (w) => w.outsider },
  { method: "POST", path: (w) => `/api/tasks/${w.taskId}/release`, wrongRole: (w) => w.colleague, otherUnit: (w) => w.outsider },
  {
    method: "POST",
    path: (w) => `/api/tasks/${w.taskId}/delegate`,
    body: (w) => ({ userId: w.colleague.id }),
    wrongRole: (w) => w.colleague,
    otherUnit: (w) => w.outsider,
  },
  { method: "GET", path: (w) => `/api/tasks/${w.taskId}/candidates`, wrongRole: (w) => w.colleague, otherUnit: (w) => w.outsider },
  { method: "GET", path: () => "/api/dashboard" },
  { method: "GET", path: () => "/api/admin/units", wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: () => "/api/admin/units", body: () => ({ kind: "office", name: "Phòng mới" }), wrongRole: (w) => w.chuyenvien },
  { method: "PATCH", path: (w) => `/api/admin/units/${w.unitId}`, body: () => ({ name: "Đổi tên" }), wrongRole: (w) => w.chuyenvien },
  { method: "DELETE", path: (w) => `/api/admin/units/${w.unitId}`, wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: (w) => `/api/admin/units/${w.unitId}/retire`, wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: (w) => `/api/admin/units/${w.unitId}/reinstate`, wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/admin/users", wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: (w) => `/api/admin/users/${w.userId}`, wrongRole: (w) => w.chuyenvien },
  {
    method: "POST",
    path: () => "/api/admin/users",
    body: () => ({ username: "moi", displayName: "Mới", password: "mat-khau-dai" }),
    wrongRole: (w) => w.nguoinop,
  },
  { method: "PATCH", path: (w) => `/api/admin/users/${w.userId}`, body: () => ({ disabled: true }), wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: (w) => `/api/admin/users/${w.userId}/sole-tasks`, wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/admin/grants", wrongRole: (w) => w.chuyenvien },
  {
    method: "POST",
    path: () => "/api/admin/grants",
    body: (w) => ({ userId: w.nguoinop.id, role: "admin", unitId: DEMO_UNITS.konTum }),
    wrongRole: (w) => w.nguoinop,
  },
  { method: "DELETE", path: (w) => `/api/admin/grants/${w.grantId}`, wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/admin/api-keys", wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: () => "/api/admin/api-keys", body: () => ({ name: "x" }), wrongRole: (w) => w.chuyenvien },
  { method: "DELETE", path: (w) => `/api/admin/api-keys/${w.grantId}`, wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/admin/webhooks", wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: () => "/api/admin/webhooks", body: () => ({ name: "x" }), wrongRole: (w) => w.chuyenvien },
  { method: "DELETE", path: (w) => `/api/admin/webhooks/${w.grantId}`, wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: (w) => `/api/admin/webhooks/${w.grantId}/deliveries`, wrongRole: (w) => w.chuyenvien },
  { method: "POST", path: () => "/api/admin/webhooks/deliveries/1/retry", wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/calendar" },
  { method: "GET", path: () => "/api/calendar/2026" },
  { method: "PUT", path: () => "/api/calendar/2026", body: () => ({ year: 2026 }), wrongRole: (w) => w.chuyenvien },
  { method: "GET", path: () => "/api/notifications" },
  { method: "POST", path: () => "/api/notifications/read-all" },
  { method: "GET", path: () => "/api/funds" },
  { method: "GET", path: (w) => `/api/funds/requests/${w.fundRequestId}`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/funds/${w.fundId}`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/funds/${w.fundId}/entries`, otherUnit: (w) => w.outsider },
  {
    method: "POST",
    path: (w) => `/api/funds/${w.fundId}/receipts`,
    body: () => ({ donorName: "Nhà hảo tâm", donorPublic: "named", amount: 1_000_000, date: "2026-11-20", receiptNumber: "PT-TEST" }),
    wrongRole: (w) => w.ctdChuyenVien,
    otherUnit: (w) => w.outsider,
  },
  {
    method: "POST",
    path: (w) => `/api/funds/${w.fundId}/entries/${w.entryId}/reverse`,
    body: () => ({ reason: "Nhập nhầm số tiền phiếu thu" }),
    wrongRole: (w) => w.ctdChuyenVien,
    otherUnit: (w) => w.outsider,
  },
  { method: "GET", path: (w) => `/api/funds/${w.fundId}/beneficiaries`, otherUnit: (w) => w.outsider },
  {
    method: "POST",
    path: (w) => `/api/funds/${w.fundId}/beneficiaries`,
    body: () => ({ fullName: "Y Nhi", birthYear: 2001, unitId: DEMO_UNITS.haMon, category: "Phụ nữ yếu thế" }),
    wrongRole: (w) => w.ctdKeToan,
    otherUnit: (w) => w.outsider,
  },
  { method: "POST", path: (w) => `/api/funds/${w.fundId}/programme-lists`, body: () => "cccd,programme,period", wrongRole: (w) => w.ctdKeToan, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/documents?instance=${w.dossierId}`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/documents/${w.documentId}`, otherUnit: (w) => w.outsider },
  { method: "GET", path: (w) => `/api/documents/${w.documentId}/print`, otherUnit: (w) => w.outsider },
  { method: "POST", path: (w) => `/api/notifications/${w.notificationId}/read`, otherUnit: (w) => w.outsider },
];

/** Routes that answer without a session, on purpose. */
const PUBLIC = ["GET /api/public/funds", "GET /api/public/funds/:id/ledger", "GET /api/public/funds/:id/ledger.csv", "GET /api/public/funds/campaigns/:campaignId", "GET /api/public/funds/:id/campaigns", "POST /api/auth/login", "POST /api/auth/logout", "GET /api/openapi.json", "GET /api/public/dossiers/:code", "GET /health", "GET /health/live", "GET /health/ready", "GET /*" /* the web UI's pages and assets */];

describe.each(databaseKinds)("every route checks its caller, on %s", (kind) => {
  let t: DemoApp;
  let w: World;
  beforeAll(async () => {
    t = await createDemoApp(kind);
    const [nguoinop, chuyenvien] = await Promise.all([t.as("nguoinop"), t.as("chuyenvien")]);
    const colleague = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.soNoiVu }] });
    const outsider = await t.user({ grants: [{ role: "specialist", unitId: DEMO_UNITS.phongNoiVuDakHa }, { role: "leader", unitId: DEMO_UNITS.phongNoiVuDakHa }] });
    const data = await foundingApplication(t, nguoinop, { authorityUnit: DEMO_UNITS.soNoiVu });
    const started = await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data });
    const attachmentId = data.applicationLetter;
    const dossierId = ((await started.json()) as { id: string }).id;
    await t.request(nguoinop, "POST", `/api/instances/${dossierId}/events`, { type: "SUBMIT" });
    const box = (await (await t.request(chuyenvien, "GET", "/api/tasks?pageSize=100")).json()) as { items: { id: string; dossierId: string }[] };
    const taskId = box.items.find((i) => i.dossierId === dossierId)!.id;
    expect((await t.request(chuyenvien, "POST", `/api/tasks/${taskId}/claim`)).status).toBe(200);
    const phongtrao = await t.as("mttqPhongTrao");
    const planned = await t.request(phongtrao, "POST", "/api/instances", {
      workflow: "plan",
      data: DEMO_PLAN_DATA,
    });
    const planId = ((await planned.json()) as { id: string }).id;
    const unit = await t.unit({ kind: "office", name: "Phòng thử" });
    const user = await t.services.people.create({ username: "thu", displayName: "Thử", password: "mat-khau-dai" });
    const grant = await t.services.people.grant(user.id, "specialist", unit.id);
    await new Scheduler(t.services).runDue(); // the review task's notification to chuyenvien
    const mine = (await (await t.request(chuyenvien, "GET", "/api/notifications")).json()) as { items: { id: string }[] };
    const notificationId = mine.items[0]!.id;
    // A refused dossier: its refusal is a numbered document.
    const refusedData = await foundingApplication(t, nguoinop, { authorityUnit: DEMO_UNITS.soNoiVu });
    const refused = ((await (await t.request(nguoinop, "POST", "/api/instances", { workflow: "association-founding", data: refusedData })).json()) as { id: string }).id;
    await t.request(nguoinop, "POST", `/api/instances/${refused}/events`, { type: "SUBMIT" });
    // The specialist proposes the refusal; the leader signs it.
    await t.request(chuyenvien, "POST", `/api/instances/${refused}/events`, { type: "PROPOSE_REJECTION", data: sampleEventData("PROPOSE_REJECTION") });
    const refusal = await t.request(await t.as("lanhdao"), "POST", `/api/instances/${refused}/events`, { type: "REJECT", data: sampleEventData("REJECT") });
    const documentId = ((await refusal.json()) as { documents: { id: string }[] }).documents[0]!.id;
    const [ctdChuyenVien, ctdKeToan] = await Promise.all([t.as("ctdChuyenVien"), t.as("ctdKeToan")]);
    const [fund] = (await (await t.request(ctdKeToan, "GET", "/api/funds")).json() as { items: { id: string }[] }).items;
    const entries = (await (await t.request(ctdKeToan, "GET", `/api/funds/${fund!.id}/entries`)).json()) as { items: { id: string; kind: string; instanceId: string | null }[] };
    const entryId = entries.items.find((e) => e.kind === "receipt")!.id;
    const fundRequestId = entries.items.find((e) => e.instanceId)!.instanceId!;
    w = { dossierId, planId, taskId, unitId: unit.id, userId: user.id, grantId: grant.id, attachmentId, notificationId, fundId: fund!.id, entryId, fundRequestId, documentId, ctdChuyenVien, ctdKeToan, nguoinop, chuyenvien, colleague, outsider };
  });
  afterAll(async () => t.close());

  const send = (user: TestUser | null, row: Row) => t.request(user, row.method, row.path(w), row.body?.(w));

  it("lists every route of the app in the table (a new route must be added here)", () => {
    const served = new Set(t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.path({ dossierId: ":id", planId: ":id", taskId: ":id", unitId: ":id", userId: ":id", grantId: ":id", attachmentId: ":id", notificationId: ":id", fundId: ":id", entryId: ":entryId", fundRequestId: ":id", documentId: ":id" } as World).split("?")[0]}`), ...PUBLIC]);
    expect(served.size).toBe(ROUTES.length + PUBLIC.length);
    const normalised = [...served].map((r) => r.replace(/:key\b/, "association-founding").replace(/:year\b/, "2026").replace(/:deliveryId\b/, "1").replace(/:version\b/, "1"));
    expect(normalised.filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path({ dossierId: ":id", planId: ":id", taskId: ":id", unitId: ":id", userId: ":id", grantId: ":id", attachmentId: ":id", notificationId: ":id", fundId: ":id", entryId: ":entryId", fundRequestId: ":id", documentId: ":id" } as World)}`, r] as const))(
    "%s",
    async (_name, row) => {
      const anonymous = await send(null, row);
      expect(anonymous.status, "no session").toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
      if (row.wrongRole) {
        const res = await send(row.wrongRole(w), row);
        expect(res.status, "wrong role").toBe(403);
      }
      if (row.otherUnit) {
        const res = await send(row.otherUnit(w), row);
        expect(res.status, "other unit").toBe(404);
      }
    },
  );
});
