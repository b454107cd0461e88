import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinForms } from "../../forms";
import { createServices } from "../../server/services";
import { databaseKinds, freshDatabase } from "../support/databases";
import { createTestApp, type TestApp, type TestUser } from "../support/harness";

type Refusal = { error: { code: string; fields: { path: string; message: string; messageEn: string }[] } };

const comment = {
  key: "y-kien-moi",
  title: { vi: "Ý kiến", en: "Comment" },
  schema: { type: "object", properties: { text: { type: "string", title: "Nội dung", minLength: 1 } }, required: ["text"] },
  uischema: { type: "VerticalLayout", elements: [{ type: "Control", scope: "#/properties/text" }] },
};

describe.each(databaseKinds)("forms over HTTP on %s", (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let applicant: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = (await t.unit({ kind: "province", name: "Tỉnh Kon Tum" })).id;
    admin = await t.user({ grants: [{ role: "admin", unitId: province }] });
    applicant = await t.user({ grants: [{ role: "applicant", unitId: province }] });
  });
  afterAll(async () => t.close());

  it("lists the latest version of every built-in form", async () => {
    const res = await t.request(applicant, "GET", "/api/forms");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { key: string; version: number; title: { vi: string } }[] };
    expect(items.map((f) => f.key).sort()).toEqual(builtinForms.map((f) => f.key).sort());
    expect(items.every((f) => f.version === 1 && f.title.vi.length > 0)).toBe(true);
  });

  it("serves a form's schema and UI schema, latest or by version", async () => {
    const res = await t.request(applicant, "GET", "/api/forms/founding-committee-application");
    expect(res.status).toBe(200);
    const form = (await res.json()) as { key: string; version: number; title: { vi: string }; schema: { properties: object }; uischema: { type: string } };
    expect(form).toMatchObject({ key: "founding-committee-application", version: 1, uischema: { type: "VerticalLayout" } });
    expect(form.schema.properties).toHaveProperty("members");
    expect((await t.request(applicant, "GET", "/api/forms/founding-committee-application?version=1")).status).toBe(200);
    expect((await t.request(applicant, "GET", "/api/forms/founding-committee-application?version=99")).status).toBe(404);
    expect(await (await t.request(applicant, "GET", "/api/forms/khong-co")).json()).toMatchObject({ error: { code: "FORM_NOT_FOUND" } });
    expect((await t.request(applicant, "GET", "/api/forms/comment?version=abc")).status).toBe(422);
    expect((await t.request(null, "GET", "/api/forms/comment")).status).toBe(401);
  });

  it("stores new versions numbered 1, 2, … and keeps the old ones", async () => {
    const first = await t.request(admin, "POST", "/api/forms", comment);
    expect(first.status, await first.clone().text()).toBe(201);
    expect(await first.json()).toMatchObject({ key: comment.key, version: 1 });
    const changed = { ...comment, title: { vi: "Ý kiến (sửa)" } };
    expect(await (await t.request(admin, "POST", "/api/forms", changed)).json()).toMatchObject({ version: 2 });
    expect(await (await t.request(admin, "GET", `/api/forms/${comment.key}`)).json()).toMatchObject({ version: 2, title: { vi: "Ý kiến (sửa)" } });
    expect(await (await t.request(admin, "GET", `/api/forms/${comment.key}?version=1`)).json()).toMatchObject({ version: 1, title: { vi: "Ý kiến" } });
  });

  it("numbers concurrent publications of one form without gaps or clashes", async () => {
    const key = "song-song";
    const results = await Promise.all([1, 2, 3, 4].map((i) => t.request(admin, "POST", "/api/forms", { ...comment, key, title: { vi: `Bản ${i}` } })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const versions = await Promise.all(results.map(async (r) => ((await r.json()) as { version: number }).version));
    expect(versions.sort()).toEqual([1, 2, 3, 4]);
  });

  it("refuses a broken schema and a UI schema pointing at a missing property with 422 naming both", async () => {
    const broken = {
      ...comment,
      key: "hong",
      schema: { type: "object", properties: { text: { type: "strin" } } },
      uischema: { type: "VerticalLayout", elements: [{ type: "Control", scope: "#/properties/text" }, { type: "Control", scope: "#/properties/soDienThoai" }] },
    };
    const res = await t.request(admin, "POST", "/api/forms", broken);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe("INVALID_FORM");
    const paths = body.error.fields.map((f) => f.path);
    expect(paths).toContain("/schema/properties/text/type");
    const missing = body.error.fields.find((f) => f.message.includes("soDienThoai"));
    expect(missing?.path).toBe("/uischema/elements/1/scope");
    expect((await t.request(admin, "GET", "/api/forms/hong")).status).toBe(404);
  });

  it("refuses a form of the wrong shape with every problem listed", async () => {
    const res = await t.request(admin, "POST", "/api/forms", { key: "Không Hợp Lệ", schema: [], uischema: {} });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as Refusal).error.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["/key", "/title", "/schema"]));
  });

  it("lets only admins publish forms", async () => {
    expect((await t.request(applicant, "POST", "/api/forms", comment)).status).toBe(403);
    expect((await t.request(null, "POST", "/api/forms", comment)).status).toBe(401);
  });

  it("refuses a workflow definition naming a form that does not exist, and accepts one naming a stored form", async () => {
    const definition = (form: string) => ({
      key: "thu-tuc-thu",
      title: { vi: "Thủ tục thử" },
      startForm: form,
      initial: "draft",
      states: {
        draft: { title: { vi: "Nháp" }, assignee: { role: "applicant" }, on: { SUBMIT: { target: "done", form } } },
        done: { type: "final", title: { vi: "Xong" } },
      },
    });
    const res = await t.request(admin, "POST", "/api/workflows", definition("bieu-mau-khong-co"));
    expect(res.status).toBe(422);
    const fields = ((await res.json()) as Refusal).error.fields;
    expect(fields.map((f) => f.path).sort()).toEqual(["/startForm", "/states/draft/on/SUBMIT/form"]);
    expect((await t.request(admin, "POST", "/api/workflows", definition(comment.key))).status).toBe(201);
  });

  it("refuses a workflow declaring an event name the engine reserves", async () => {
    const res = await t.request(admin, "POST", "/api/workflows", {
      key: "thu-tuc-dat-ten",
      title: { vi: "Thử" },
      initial: "draft",
      states: { draft: { title: { vi: "Nháp" }, on: { SAVE_DRAFT: { target: "draft" }, GO: { target: "done" } } }, done: { type: "final", title: { vi: "Xong" } } },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Refusal).error.fields.map((f) => f.path)).toContain("/states/draft/on/SAVE_DRAFT");
  });
});

describe.each(databaseKinds)("built-in forms at start-up on %s", (kind) => {
  it("installs a built-in form (and definition) once: a restart on the same database stores no new version", async () => {
    const database = await freshDatabase(kind);
    try {
      const first = await createServices({ database });
      await createServices({ database });
      for (const form of await first.forms.list()) expect(form.version, form.key).toBe(1);
      for (const workflow of await first.registry.list()) expect(workflow.version, workflow.definition.key).toBe(1);
    } finally {
      await database.dispose();
    }
  });
});
