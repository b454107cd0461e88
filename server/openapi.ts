import { z } from "zod";
import { EventBody, ListQuery, StartBody } from "./routes/instances";

type Operation = { summary: string; body?: z.ZodType; query?: z.ZodObject; auth?: boolean; responses: Record<string, string> };

/** The API surface, one row per operation; request schemas are the same zod schemas the routes use. */
export const operations: Record<string, Record<string, Operation>> = {
  "/health": { get: { summary: "Sẵn sàng (migrations applied)", auth: false, responses: { 200: "{ ok: true }" } } },
  "/api/workflows": {
    get: { summary: "Latest version of every workflow", responses: { 200: "list" } },
    post: { summary: "Admin: store a new version of a definition", body: z.record(z.string(), z.unknown()), responses: { 201: "stored", 422: "every problem listed" } },
  },
  "/api/workflows/{key}": {
    get: { summary: "A definition (latest or ?version=N) with its states for a diagram", query: z.object({ version: z.number().int().optional() }), responses: { 200: "definition", 404: "unknown workflow" } },
  },
  "/api/instances": {
    get: { summary: "Dossiers the caller may see", query: ListQuery, responses: { 200: "page" } },
    post: { summary: "Start a dossier", body: StartBody, responses: { 201: "started", 404: "unknown workflow", 422: "invalid data" } },
  },
  "/api/instances/{id}": { get: { summary: "A dossier with history and available events", responses: { 200: "dossier", 404: "not found or not visible" } } },
  "/api/instances/{id}/events": {
    post: { summary: "Act on a dossier", body: EventBody, responses: { 200: "new state", 403: "not your role", 409: "stale version or not allowed now", 422: "invalid data" } },
  },
  "/api/openapi.json": { get: { summary: "This document", auth: false, responses: { 200: "OpenAPI 3.1" } } },
};

const ErrorShape = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    fields: z.array(z.object({ path: z.string(), message: z.string(), messageEn: z.string().optional() })).optional(),
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
    info: { title: "Hoso API", version: "0.1.0", description: "Quy trình và phê duyệt hồ sơ — workflow and approval engine" },
    paths,
    components: {
      schemas: { Error: z.toJSONSchema(ErrorShape) },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "hoso_session" } },
    },
    security: [{ session: [] }],
  };
}
