import fc from "fast-check";

/** Strings that have broken servers before: NUL, lone surrogates, BOM, bidi overrides, combining marks, huge. */
export const NASTY_STRINGS = [
  "",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "\ufeff",
  "\uffff",
  "\u202eabc",
  "e\u0301\u0301\u0301",
  "🇻🇳👨‍👩‍👧",
  "Nguyễn Văn Á",
  "' or 1=1 --",
  "%00",
  "%",
  "%E0%A4%A",
  "../../etc/passwd",
  "$.data.__proto__",
  "__proto__",
  "constructor",
  "-1",
  "0",
  "1e309",
  "NaN",
  "9".repeat(400),
  "ä".repeat(20_000),
];

/** Any string, with the nasty ones much more often than chance would give them. */
export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** A JSON value built from nasty strings and numbers at their edges. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyString,
    fc.constantFrom(0, -1, 1.5, 2 ** 31, -(2 ** 53), Number.MAX_VALUE, null, true, false),
    fc.integer(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom("data", "type", "name", "workflow", "expectedVersion", "__proto__")), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Field names the routes read, so that bodies get past "unknown field" often enough to go deeper. */
const KNOWN_FIELDS = [
  "type", "data", "expectedVersion", "workflow", "draft", "username", "password", "displayName", "userId", "role", "unitId",
  "kind", "name", "parentId", "code", "disabled", "grants", "key", "title", "schema", "uischema", "initial", "states", "year", "days",
] as const;

/** A request body: mostly objects with the routes' own field names and nasty values. */
export const nastyBody = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), nastyJson, { maxKeys: 5 }) },
  { weight: 1, arbitrary: nastyJson },
);

/** Raw bodies that are not JSON at all, or JSON in shapes parsers choke on. */
export const MALFORMED_BODIES = [
  "",
  "{",
  '{"type":',
  "[1,2,",
  "nul",
  "\ufeff{}",
  '{"a":1}garbage',
  "'single'",
  '{"type":"SUBMIT","type":"APPROVE"}',
  "1e99999",
  '"\\ud800"',
  '{"data":"\\u0000"}',
  '{"data":{"name":"\\udfff"}}',
  "[".repeat(100_000) + "]".repeat(100_000),
  '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000),
  JSON.stringify({ data: { blob: "x".repeat(2 * 1024 * 1024) } }),
];

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/problem+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "application/xml",
  "",
];

/** Query strings with the routes' own parameter names and nasty values. */
const QUERY_KEYS = ["page", "pageSize", "workflow", "state", "q", "version", "mine", "overdue", "unclaimed", "month", "year", "download", "x"];
export const nastyQuery = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(nastyString, fc.constantFrom("1", "100", "0", "-5", "true", "2026-13", "1e3"))), { maxLength: 4 })
  .map((pairs) => (pairs.length ? "?" + pairs.map(([k, v]) => `${k}=${encodeURIComponent(safeForUri(v))}`).join("&") : ""));

/** A path parameter: nasty, or (to reach deeper) one of the world's real ids. */
export function pathParam(realIds: string[]) {
  return fc.oneof({ weight: 2, arbitrary: nastyString.map((s) => encodeURIComponent(safeForUri(s))) }, { weight: 1, arbitrary: fc.constantFrom(...realIds) });
}

/** `encodeURIComponent` throws on lone surrogates: send their raw percent bytes instead, as a hostile client would. */
function safeForUri(s: string): string {
  return s.replace(/[\ud800-\udfff]/g, (c) => (c.charCodeAt(0) < 0xdc00 ? "\ud83d\ude00" : "\u00e9"));
}
