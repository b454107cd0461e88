import { Hono, type Context } from "hono";
import { z } from "zod";
import { isCccd, isIsoDate, MAX_VND_AMOUNT } from "../../forms";
import type { AppEnv } from "../app-env";
import type { Tx } from "../db/client";
import { requireUser } from "../auth/require-user";
import { DomainError } from "../errors";
import { readJson, readQuery } from "../request";

/** A whole number of đồng, at most `MAX_VND_AMOUNT` per entry (forms/money.ts says why). */
const Amount = z
  .number()
  .int()
  .refine((n) => n > 0, {
    message: "a positive whole number of đồng; a correction is a reversal, not a negative amount",
    params: { vi: "Số tiền phải lớn hơn 0 ₫; muốn sửa một bút toán đã ghi, hãy đảo bút toán đó, không ghi số âm" },
  })
  .refine((n) => n <= MAX_VND_AMOUNT, { message: `at most ${MAX_VND_AMOUNT} đồng per entry`, params: { vi: "Số tiền vượt mức tối đa 100.000.000.000 ₫ cho một bút toán" } });
const BackdateReason = z.string().trim().min(10).max(500);
const IsoDate = z.string().refine(isIsoDate, { message: "a real date YYYY-MM-DD", params: { vi: "Ngày phải là ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2026-12-04)" } });
export const MonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM").optional() });

export const ReceiptBody = z
  .object({
    donorName: z.string().trim().min(1).max(300),
    donorPublic: z.enum(["named", "anonymous"]),
    amount: Amount,
    /** The day the money came in; today when absent. An earlier day needs `backdateReason`. */
    date: IsoDate.optional(),
    backdateReason: BackdateReason.optional(),
    earmark: z.string().trim().max(200).optional(),
    receiptNumber: z.string().trim().min(1).max(60),
    attachmentId: z.uuid().optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const ReversalBody = z
  .object({
    reason: z.string().trim().min(10).max(2000),
    replacement: z.object({ amount: Amount, date: IsoDate.optional(), receiptNumber: z.string().trim().min(1).max(60).optional(), method: z.string().max(60).optional() }).strict().optional(),
  })
  .strict();

export const BeneficiaryBody = z
  .object({
    fullName: z.string().trim().min(2).max(120),
    birthYear: z.number().int().min(1900).max(2100),
    cccd: z.string().refine(isCccd, "12 digits, a valid province code").optional(),
    unitId: z.uuid(),
    category: z.string().trim().min(1).max(120),
    circumstances: z.string().max(2000).optional(),
  })
  .strict();

/** Stores the answer of a request sent with an Idempotency-Key in the write's own transaction. */
async function storeAnswer(c: Context<AppEnv>, tx: Tx, status: number, answer: unknown): Promise<void> {
  await c.var.idempotency?.storeIn(tx, status, answer);
}

/** Largest CSV list accepted (bytes). */
const MAX_CSV = 5 * 1024 * 1024;

/** The fund's staff: balances, ledger entries, receipts, corrections, the beneficiary registry, imported lists, requests. */
export const fundRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: await c.var.services.funds.list(requireUser(c)) }))
  .get("/requests/:id", async (c) => c.json(await c.var.services.funds.request(requireUser(c), c.req.param("id"))))
  .get("/:id", async (c) => c.json(await c.var.services.funds.view(requireUser(c), c.req.param("id"))))
  .get("/:id/entries", async (c) => {
    const user = requireUser(c);
    return c.json({ items: await c.var.services.funds.entries(user, c.req.param("id"), readQuery(c, MonthQuery).month) });
  })
  .post("/:id/receipts", async (c) => {
    const user = requireUser(c);
    const input = await readJson(c, ReceiptBody);
    // With an Idempotency-Key, the answer is stored in the receipt's own transaction.
    const entry = await c.var.services.funds.ledger.recordReceipt(user, c.req.param("id"), input, (tx, row) => storeAnswer(c, tx, 201, row));
    return c.json(entry, 201);
  })
  .post("/:id/entries/:entryId/reverse", async (c) => {
    const user = requireUser(c);
    const input = await readJson(c, ReversalBody);
    const result = await c.var.services.funds.ledger.reverse(user, c.req.param("id"), c.req.param("entryId"), input, (tx, written) => storeAnswer(c, tx, 201, written));
    return c.json(result, 201);
  })
  .get("/:id/beneficiaries", async (c) => c.json({ items: await c.var.services.funds.beneficiaries(requireUser(c), c.req.param("id")) }))
  .post("/:id/beneficiaries", async (c) => {
    const user = requireUser(c);
    const input = await readJson(c, BeneficiaryBody);
    const row = await c.var.services.funds.addBeneficiary(user, c.req.param("id"), input);
    if (!row) throw new DomainError("BENEFICIARY_EXISTS", "Đối tượng này đã có trong danh sách địa chỉ nhân đạo", { messageEn: "already in the registry" });
    return c.json(row, 201);
  })
  .post("/:id/programme-lists", async (c) => {
    const user = requireUser(c);
    // Who may import is settled before what was sent.
    await c.var.services.funds.fund(user, c.req.param("id"), ["specialist"]);
    if (!/^text\/(csv|plain)\b/i.test(c.req.header("content-type") ?? "")) {
      throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Danh sách phải gửi dạng CSV (text/csv)", { messageEn: "expected text/csv" });
    }
    const text = await c.req.text();
    if (text.length > MAX_CSV) throw new DomainError("PAYLOAD_TOO_LARGE", "Tệp danh sách quá lớn", { messageEn: `at most ${MAX_CSV} bytes` });
    return c.json(await c.var.services.funds.importList(user, c.req.param("id"), text), 201);
  });
