import { z } from "zod";
import { GrantBody, GrantQuery } from "./routes/admin/grants";
import { UnitBody, UnitPatch } from "./routes/admin/units";
import { UserBody, UserPatch } from "./routes/admin/users";
import { LoginBody } from "./routes/auth";
import { VersionQuery } from "./routes/forms";
import { DraftBody, EventBody, ListQuery, StartBody } from "./routes/instances";
import { RoundQuery } from "./routes/plans";
import { BeneficiaryBody, MonthQuery, ReceiptBody, ReversalBody } from "./routes/funds";
import { DelegateBody, InboxQuery } from "./routes/tasks";
import { CalendarYear } from "../workflows/calendar";
import { NotificationQuery } from "./routes/notifications";
import { DocumentQuery } from "./routes/documents";
import { DashboardQuery } from "./routes/dashboard";
import { RatingBody } from "./services/ratings";
import { ApiKeyBody } from "./auth/api-keys";
import { DeliveryQuery, WebhookBody } from "./services/webhooks";

type Operation = {
  summary: string;
  body?: z.ZodType;
  /** A request body that is not JSON (a multipart upload): its media type and schema. */
  rawBody?: { mediaType: string; schema: Record<string, unknown> };
  query?: z.ZodObject;
  auth?: boolean;
  responses: Record<string, string>;
};

/** The API surface, one row per operation; request schemas are the same zod schemas the routes use. */
export const operations: Record<string, Record<string, Operation>> = {
  "/health": { get: { summary: "Sẵn sàng, như /health/ready (readiness; 503 { ok: false, … } with Retry-After when not ready)", auth: false, responses: { 200: "{ ok: true, database, scheduler, draining }" } } },
  "/health/live": { get: { summary: "Tiến trình đang chạy (liveness)", auth: false, responses: { 200: "{ ok: true }" } } },
  "/health/ready": { get: { summary: "Sẵn sàng nhận yêu cầu: cơ sở dữ liệu trả lời trong 2 s, bộ hẹn giờ chạy, không đang tắt (readiness; 503 { ok: false, … } with Retry-After when not ready)", auth: false, responses: { 200: "{ ok: true, database, scheduler, draining }" } } },
  "/api/workflows": {
    get: { summary: "Latest version of every workflow", responses: { 200: "list" } },
    post: { summary: "Root admin: store a new version of a definition", body: z.record(z.string(), z.unknown()), responses: { 201: "stored", 403: "ROOT_ADMIN_REQUIRED: not an admin of a root unit", 422: "every problem listed" } },
  },
  "/api/workflows/{key}": {
    get: { summary: "A definition (latest or ?version=N) with its states for a diagram", query: z.object({ version: z.number().int().optional() }), responses: { 200: "definition", 404: "unknown workflow" } },
  },
  "/api/forms": {
    get: { summary: "Latest version of every form", responses: { 200: "list" } },
    post: { summary: "Root admin: store a new version of a form (JSON Schema + UI schema)", body: z.record(z.string(), z.unknown()), responses: { 201: "stored", 403: "ROOT_ADMIN_REQUIRED: not an admin of a root unit", 422: "every problem listed" } },
  },
  "/api/forms/{key}": {
    get: { summary: "A form's schema and UI schema (latest or ?version=N)", query: VersionQuery, responses: { 200: "{ key, version, title, schema, uischema }", 404: "unknown form or version" } },
  },
  "/api/attachments": {
    post: {
      summary: "Upload a dossier file (part `file`): PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT; size limit HOSO_MAX_UPLOAD_MB",
      rawBody: { mediaType: "multipart/form-data", schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } },
      responses: { 201: "{ id, sha256, size, mediaType, originalName }", 413: "too large", 415: "type not allowed or not what it claims", 422: "no file" },
    },
  },
  "/api/attachments/{id}": {
    get: { summary: "Download a file: its uploader, or whoever may see its dossier", responses: { 200: "the bytes", 404: "not found or not visible" } },
  },
  "/api/instances": {
    get: { summary: "Dossiers the caller may see", query: ListQuery, responses: { 200: "page" } },
    post: { summary: "Start a dossier", body: StartBody, responses: { 201: "started", 404: "unknown workflow", 422: "invalid data" } },
  },
  "/api/instances/{id}/draft": {
    put: { summary: "Save the start form unfinished while the dossier is in its initial state (starter only)", body: DraftBody, responses: { 200: "dossier", 403: "not the starter", 409: "stale or already handed in", 422: "invalid data" } },
  },
  "/api/instances/{id}": { get: { summary: "A dossier with history, available events, deadline (with `promised`: the return date of its one-stop receipt or apology) and the documents it issued (`documents: [{ id, number, type, title, issuedAt }]`; the one-stop slips GTN/PYC/PXL under `oneStopPapers`)", responses: { 200: "dossier", 404: "not found or not visible" } } },
  "/api/instances/{id}/events": {
    post: { summary: "Act on a dossier", body: EventBody, responses: { 200: "new state", 403: "not your role", 409: "stale version or not allowed now", 422: "invalid data" } },
  },
  "/api/instances/{id}/rating": {
    get: { summary: "The applicant's rating of a finished dossier (null until rated)", responses: { 200: "{ rating: { level, comment, createdAt } | null }", 404: "DOSSIER_NOT_FOUND" } },
    post: {
      summary: "Rate the handling of one's own finished dossier, once (mức độ hài lòng, Quyết định 766/QĐ-TTg)",
      body: RatingBody,
      responses: { 201: "{ rating }", 403: "FORBIDDEN: not the dossier's applicant", 404: "DOSSIER_NOT_FOUND", 409: "DOSSIER_NOT_FINISHED, or ALREADY_DONE (rated before)", 422: "level not one of very_satisfied / satisfied / unsatisfied, comment over 1.000 characters" },
    },
  },
  "/api/auth/login": {
    post: {
      summary: "Sign in: sets the httpOnly `hoso_session` cookie, answers `{ user, csrfToken }`",
      auth: false,
      body: LoginBody,
      responses: { 200: "signed in", 401: "wrong username or password", 429: "LOGIN_LOCKED (Retry-After): 10 attempts per account + address lock the pair for 15 minutes; an account with 10 failures delays addresses that failed for it; 30 failures lock an address; LOGIN_BUSY (Retry-After: 1) while the limit is taken by attempts still being checked" },
    },
  },
  "/api/auth/logout": { post: { summary: "Sign out: deletes the session (needs X-CSRF-Token)", auth: false, responses: { 200: "signed out" } } },
  "/api/me": { get: { summary: "The caller: id, username, displayName, grants [{ role, unitId, unitName }], csrfToken", responses: { 200: "me", 401: "no session" } } },
  "/api/units": { get: { summary: "The organisation tree (for unit pickers)", responses: { 200: "units" } } },
  "/api/funds": { get: { summary: "Funds whose unit (or a unit above it) the caller works in, with balances per earmark", responses: { 200: "{ items }" } } },
  "/api/funds/{id}": { get: { summary: "A fund with its balance, in total and per earmark", responses: { 200: "fund", 404: "not found or not the caller's fund" } } },
  "/api/funds/{id}/entries": {
    get: { summary: "The fund's ledger entries (receipts, payouts, reversing entries), optionally of one month", query: MonthQuery, responses: { 200: "{ items }", 404: "not found or not visible" } },
  },
  "/api/funds/{id}/receipts": {
    post: { summary: "Accountant: record a receipt (donor named or anonymous, amount in đồng, date, earmark, receipt number, optional attachment)", body: ReceiptBody, responses: { 201: "entry", 403: "not the fund's accountant", 404: "not visible", 422: "invalid data" } },
  },
  "/api/funds/{id}/entries/{entryId}/reverse": {
    post: {
      summary: "Accountant: correct an entry by a reversing entry, optionally followed by the corrected entry",
      body: ReversalBody,
      responses: { 201: "{ reversal, replacement }", 403: "not the fund's accountant", 404: "no such entry", 409: "already reversed, a reversal, or it would overdraw (FUND_INSUFFICIENT)" },
    },
  },
  "/api/funds/{id}/beneficiaries": {
    get: { summary: "The beneficiary registry (địa chỉ nhân đạo) of the fund", responses: { 200: "{ items }", 404: "not visible" } },
    post: { summary: "Specialist: add a beneficiary (CCCD checked)", body: BeneficiaryBody, responses: { 201: "beneficiary", 403: "not the fund's specialist", 409: "already registered", 422: "invalid data" } },
  },
  "/api/funds/{id}/programme-lists": {
    post: {
      summary: "Specialist: import another programme's list (CSV: cccd, programme, period as 2026, 2026-03 or 2026-01-01..2026-06-30); answers the rows refused",
      rawBody: { mediaType: "text/csv", schema: { type: "string" } },
      responses: { 201: "{ importId, accepted, rejected: [{ line, cccd, message }] }", 403: "not the fund's specialist", 415: "not CSV" },
    },
  },
  "/api/funds/requests/{id}": {
    get: { summary: "A fund-disbursement dossier for the fund's officials: each line's double-benefit matches (earlier dossier or programme), clearances and ledger entries", responses: { 200: "{ screening, facts, entries }", 404: "not visible or not the caller's fund" } },
  },
  "/api/public/funds": { get: { summary: "No login: every fund with its totals and balance", auth: false, responses: { 200: "{ items }" } } },
  "/api/public/funds/{id}/ledger": {
    get: { summary: "No login: month by month receipts, payouts and closing balance; the entries (of ?month=YYYY-MM); donors as agreed, beneficiaries shortened, never a CCCD", auth: false, query: MonthQuery, responses: { 200: "ledger", 404: "no such fund" } },
  },
  "/api/public/funds/{id}/campaigns": {
    get: { summary: "No login: the fund's relief campaigns (Nghị định 93/2021/NĐ-CP), newest first: account, receiving period, distribution deadline, the latest publication per duty, totals and the campaign's entries as the public ledger shows them", auth: false, responses: { 200: "{ items }", 404: "no such fund" } },
  },
  "/api/public/funds/campaigns/{campaignId}": {
    get: { summary: "No login: one opened relief campaign as in the fund's list", auth: false, responses: { 200: "campaign", 404: "no such opened campaign" } },
  },
  "/api/public/funds/{id}/ledger.csv": { get: { summary: "No login: the public entries as CSV (UTF-8 with BOM)", auth: false, query: MonthQuery, responses: { 200: "text/csv", 404: "no such fund" } } },
  "/api/plans/{id}/tracking": {
    get: { summary: "A plan's units and where each report stands (pending, sent back, under review, accepted, late); ?round=", query: RoundQuery, responses: { 200: "{ plan, round, today, counts, units }", 404: "not a plan, or not visible" } },
  },
  "/api/plans/{id}/summary": {
    get: { summary: "The compiled summary of a round: per indicator target, actual, achievement (157,3%), per-unit breakdown, late and missing units, budget", query: RoundQuery, responses: { 200: "{ frozen, summary }", 404: "not a plan, or not visible" } },
  },
  "/api/plans/{id}/summary.csv": { get: { summary: "The summary as CSV (UTF-8 with BOM)", query: RoundQuery, responses: { 200: "text/csv", 404: "not a plan, or not visible" } } },
  "/api/plans/{id}/summary.xlsx": { get: { summary: "The summary as an XLSX workbook", query: RoundQuery, responses: { 200: "xlsx", 404: "not a plan, or not visible" } } },
  "/api/plans/{id}/summary/print": { get: { summary: "The summary as a printable A4 report page", query: RoundQuery, responses: { 200: "text/html", 404: "not a plan, or not visible" } } },
  "/api/tasks": {
    get: {
      summary: "The caller's inbox: open tasks for their roles and units, soonest due first (?sort=newest); ?done=true: the tasks the caller closed, latest first",
      query: InboxQuery,
      responses: { 200: "{ items, total, page, pageSize }" },
    },
  },
  "/api/tasks/counts": { get: { summary: "How many tasks each inbox tab holds, in one query: mine, unit, unclaimed, overdue, done", responses: { 200: "{ mine, unit, unclaimed, overdue, done }" } } },
  "/api/tasks/{id}/claim": { post: { summary: "Claim an open task of one's unit", responses: { 200: "claimed", 404: "not your unit's", 409: "claimed by someone else or closed" } } },
  "/api/tasks/{id}/release": { post: { summary: "Release a claim: the claimer or a leader of the unit", responses: { 200: "released", 403: "not the claimer", 404: "not your unit's" } } },
  "/api/tasks/{id}/candidates": {
    get: {
      summary: "Who the task can be delegated to: enabled users holding its role in its unit (the claimer marked `current`)",
      responses: { 200: "{ task, items: [{ id, username, displayName, current, self }] }", 403: "not the claimer nor a leader", 404: "not your unit's", 409: "closed or personal task" },
    },
  },
  "/api/dashboard": {
    get: {
      summary: "Dashboard figures over what the caller may see: dossiers by workflow and state, on-time rate per unit, overdue tasks; per procedure and handling unit for one year (?year=, default this one): finished on time / late, open overdue, satisfaction (Quyết định 766/QĐ-TTg)",
      query: DashboardQuery,
      responses: { 200: "{ today, totals, byWorkflow, units, overdue, year, procedures }" },
    },
  },
  "/api/tasks/{id}/delegate": {
    post: { summary: "Hand a task to someone holding its role in its unit", body: DelegateBody, responses: { 200: "delegated", 403: "not the claimer", 404: "not your unit's", 422: "the user does not hold the role there" } },
  },
  "/api/admin/units": {
    get: { summary: "Admin: the units of the admin's subtree", responses: { 200: "units", 403: "admins only" } },
    post: { summary: "Admin: a new unit", body: UnitBody, responses: { 201: "created", 403: "admins only; ADMIN_OUT_OF_SCOPE: parent outside the subtree; ROOT_ADMIN_REQUIRED: no parent", 404: "unknown parent" } },
  },
  "/api/admin/units/{id}": {
    patch: { summary: "Admin: rename or move a unit", body: UnitPatch, responses: { 200: "updated", 403: "ADMIN_OUT_OF_SCOPE: the unit, or a move's old or new parent, outside the subtree", 422: "would move below itself" } },
    delete: { summary: "Admin: delete an unused unit", responses: { 204: "deleted", 403: "ADMIN_OUT_OF_SCOPE: the unit or its parent outside the subtree", 409: "in use" } },
  },
  "/api/admin/users": {
    get: { summary: "Admin: users (`?q=`)", query: z.object({ q: z.string().optional() }), responses: { 200: "the users holding no grant outside the admin's subtree" } },
    post: { summary: "Admin: a new user, optionally with grants", body: UserBody, responses: { 201: "created", 403: "ADMIN_OUT_OF_SCOPE: a grant outside the subtree", 409: "username taken" } },
  },
  "/api/admin/users/{id}": {
    get: { summary: "Admin: a user with grants", responses: { 200: "user", 404: "unknown, or holds a grant outside the subtree" } },
    patch: { summary: "Admin: rename, new password or disable (both sign the user out everywhere)", body: UserPatch, responses: { 200: "updated", 404: "unknown, or holds a grant outside the subtree" } },
  },
  "/api/admin/grants": {
    get: { summary: "Admin: grants by user or unit", query: GrantQuery, responses: { 200: "grants held in the admin's subtree" } },
    post: { summary: "Admin: grant a role in a unit", body: GrantBody, responses: { 201: "granted", 403: "ADMIN_OUT_OF_SCOPE: unit outside the subtree", 404: "unknown unit, or a user the admin may not manage", 409: "already held" } },
  },
  "/api/admin/grants/{id}": { delete: { summary: "Admin: revoke a grant", responses: { 204: "revoked", 404: "unknown, or outside the subtree" } } },
  "/api/admin/api-keys": {
    get: { summary: "Admin: API keys of the units in the admin's subtree (never their tokens)", responses: { 200: "{ items: [{ id, name, prefix, userId, unitId, scope, routes, createdAt, expiresAt, lastUsedAt, revokedAt }] }" } },
    post: {
      summary: "Admin: a key another system sends as `Authorization: Bearer hoso_…`, acting as `userId` with his grants in `unitId` only, `read` or `write`, on the route groups in `routes` (default all but administration and sign-in); the token is in this answer only",
      body: ApiKeyBody,
      responses: { 201: "{ …key, token }", 403: "ADMIN_OUT_OF_SCOPE", 404: "unknown unit", 422: "bad field, expiresOn not between today and three years on, or the user holds no role in the unit" },
    },
  },
  "/api/admin/api-keys/{id}": { delete: { summary: "Admin: revoke a key (at once, for every process)", responses: { 204: "revoked (also when it was already)", 404: "unknown, or outside the subtree" } } },
  "/api/admin/webhooks": {
    get: { summary: "Admin: webhooks of the units in the admin's subtree (never their secrets)", responses: { 200: "{ items }" } },
    post: {
      summary:
        "Admin: POST every step of the dossiers of `unitId` and the units below it to `url` — JSON `{ id, event: 'dossier.step', occurredAt, dossier: { id, code, title, workflow }, step: { event, seq, entered, finished } }` with headers `X-Hoso-Delivery` (the same on every retry: drop repeats), `X-Hoso-Event`, `X-Hoso-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + '.' + body)>`; retried with back-off (30 s doubling, at most 1 h) 8 times, then dead; the secret is in this answer only",
      body: WebhookBody,
      responses: { 201: "{ …webhook, secret }", 403: "ADMIN_OUT_OF_SCOPE", 404: "unknown unit", 422: "bad name, url (http/https only) or unit" },
    },
  },
  "/api/admin/webhooks/{id}": { delete: { summary: "Admin: stop a webhook (pending deliveries die)", responses: { 204: "revoked", 404: "unknown, or outside the subtree" } } },
  "/api/admin/webhooks/{id}/deliveries": { get: { summary: "Admin: a webhook's latest 100 deliveries (?status=pending|delivered|dead: the dead-letter view)", query: DeliveryQuery, responses: { 200: "{ items }", 404: "unknown, or outside the subtree" } } },
  "/api/admin/webhooks/deliveries/{deliveryId}/retry": { post: { summary: "Admin: try a dead delivery again from now", responses: { 200: "the delivery", 404: "unknown, or outside the subtree" } } },
  "/api/calendar": { get: { summary: "Years of the working-day calendar", responses: { 200: "{ years }" } } },
  "/api/calendar/{year}": {
    get: { summary: "One year of the working-day calendar: holidays, swapped days off, make-up working days", responses: { 200: "year", 404: "no data for that year" } },
    put: { summary: "Root admin: replace one year of the calendar (deadlines and reminders follow)", body: CalendarYear, responses: { 200: "stored", 403: "ROOT_ADMIN_REQUIRED: not an admin of a root unit", 422: "every problem listed" } },
  },
  "/api/documents": {
    get: { summary: "The numbered documents a dossier issued (decisions, refusals…), oldest first", query: DocumentQuery, responses: { 200: "{ items: [{ id, number, type, title, issuedAt, issuedOn, signer, printUrl }] }", 404: "dossier not found or not visible" } },
  },
  "/api/documents/{id}": {
    get: { summary: "An issued document: number (`01/QĐ-SNV`), type, date, signer, issuing unit, dossier, body (subject, Căn cứ, content, Nơi nhận, form data)", responses: { 200: "document", 404: "not found, or its dossier not visible" } },
  },
  "/api/documents/{id}/print": {
    get: { summary: "The document as a printable A4 page in the Nghị định 30/2020/NĐ-CP layout (HTML, no scripts)", responses: { 200: "text/html", 404: "not found, or its dossier not visible" } },
  },
  "/api/public/dossiers/{code}": {
    get: {
      summary: "No login: a dossier's public status by its code: { code, procedure, step, status, receivedAt, due, daysLeft, overdue, paused, resultNumber }; nothing personal",
      auth: false,
      responses: { 200: "public status", 404: "no dossier with this code", 429: "RATE_LIMITED: 30 look-ups a minute per client address (Retry-After)" },
    },
  },
  "/api/notifications": { get: { summary: "The caller's notifications, unread first", query: NotificationQuery, responses: { 200: "page with unread count" } } },
  "/api/notifications/read-all": { post: { summary: "Mark all the caller's unread notifications read", responses: { 200: "{ updated }" } } },
  "/api/notifications/{id}/read": { post: { summary: "Mark one of the caller's notifications read", responses: { 200: "notification", 404: "not found or not yours" } } },
  "/api/openapi.json": { get: { summary: "This document", auth: false, responses: { 200: "OpenAPI 3.1" } } },
};

const ErrorShape = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    fields: z
      .array(z.object({ path: z.string(), message: z.string(), messageEn: z.string().optional(), code: z.string().optional(), form: z.string().optional() }))
      .optional(),
  }),
});

/** Builds the OpenAPI 3.1 document from the operations table. */
export function openApiDocument() {
  const paths: Record<string, unknown> = {};
  for (const [path, methods] of Object.entries(operations)) {
    paths[path] = Object.fromEntries(
      Object.entries(methods).map(([method, op]) => [
        method,
        {
          summary: op.summary,
          ...(op.auth === false ? { security: [] } : {}),
          parameters: [
            ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } })),
            ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
              name,
              in: "query",
              required: false,
              schema: z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }),
            })),
          ],
          ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(op.body, { io: "input", unrepresentable: "any" }) } } } } : {}),
          ...(op.rawBody ? { requestBody: { required: true, content: { [op.rawBody.mediaType]: { schema: op.rawBody.schema } } } } : {}),
          responses: Object.fromEntries(
            Object.entries(op.responses).map(([status, description]) => [
              status,
              Number(status) >= 400
                ? { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }
                : { description },
            ]),
          ),
        },
      ]),
    );
  }
  return {
    openapi: "3.1.0",
    info: { title: "Hoso API", version: "0.1.0", description:
        "Quy trình và phê duyệt hồ sơ — workflow and approval engine. Any request may answer 503 DATABASE_UNAVAILABLE (with Retry-After) while the database cannot be reached, and a write 507 STORAGE_FULL when the server's disk is full; nothing is saved then, and the request may be retried (with the same Idempotency-Key).",
    },
    paths,
    components: {
      schemas: { Error: z.toJSONSchema(ErrorShape) },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "hoso_session" },
        apiKey: { type: "http", scheme: "bearer", description: "An API key made by an admin (`hoso_…`): 401 API_KEY_INVALID when unknown, revoked or expired; 403 API_KEY_READ_ONLY / API_KEY_ROUTE_FORBIDDEN beyond its limits. No CSRF header." },
      },
    },
    security: [{ session: [] }, { apiKey: [] }],
  };
}
