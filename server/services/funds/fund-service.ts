import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { linesOf, normaliseName, type DossierSnapshot } from "../../../workflows";
import type { Clock } from "../../clock";
import type { Db, Tx } from "../../db/client";
import { beneficiaries, funds, instances, units } from "../../db/schema";
import { notFound } from "../../errors";
import type { SessionUser } from "../../identity";
import { canSeeDossier } from "../access";
import { isUuid, type InstanceRow } from "../dossiers";
import type { WorkflowRegistry } from "../workflow-registry";
import { fundFor, fundVisible, type FundRow } from "./access";
import { openedCampaign, openedCampaigns, publicCampaign } from "./campaigns";
import { FUND_WORKFLOW } from "./pack";
import { fundOfRequest } from "./request-fund";
import type { FundLedger, EntryRow } from "./ledger";
import { importProgrammeList } from "./programme-lists";
import { publicLedger } from "./public-ledger";
import { screenRequest, screeningFacts, type LineScreening } from "./screening";

export type BeneficiaryInput = {
  fullName: string;
  birthYear: number;
  cccd?: string | undefined;
  unitId: string;
  category: string;
  circumstances?: string | undefined;
};

/** What the staff screens and the public page read of funds; writes go through the ledger. */
export class FundService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    readonly ledger: FundLedger,
  ) {}

  /** The double-benefit check of a request, with the window its definition version configures. */
  async screen(via: Db | Tx, row: InstanceRow, at: Date = this.clock.now()): Promise<LineScreening[]> {
    const workflow = await this.registry.get(row.workflowKey, row.workflowVersion, via);
    const config = workflow.definition.config ?? {};
    const num = (v: unknown) => (typeof v === "number" ? v : undefined);
    return screenRequest(via, row, at, { windowDays: num(config.doubleBenefitWindowDays), twoLeaderThreshold: num(config.twoLeaderThreshold) });
  }

  /** `$server` facts of a request for its conditions. */
  async facts(via: Db | Tx, row: InstanceRow, at: Date) {
    return screeningFacts(await this.screen(via, row, at));
  }

  async list(user: SessionUser) {
    const rows = await this.db.select().from(funds).orderBy(asc(funds.name));
    const mine = rows.filter((f) => fundVisible(user, f));
    return Promise.all(mine.map(async (f) => ({ ...f, balances: await this.ledger.balances(this.db, f) })));
  }

  async view(user: SessionUser, id: string) {
    const fund = await fundFor(this.db, user, id, "any");
    return { ...fund, balances: await this.ledger.balances(this.db, fund) };
  }

  /** The staff's view of the entries: donors by name, beneficiaries shortened, dossier codes. */
  async entries(user: SessionUser, id: string, month?: string) {
    const fund = await fundFor(this.db, user, id, "any");
    const entries = await this.ledger.entries(this.db, fund, month);
    const codes = await this.codes(entries);
    return entries.map((e) => ({ ...e, dossierCode: e.instanceId ? (codes.get(e.instanceId) ?? null) : null }));
  }

  /** A fund the user works on with one of `roles` (404 / 403 otherwise). */
  async fund(user: SessionUser, id: string, roles: Parameters<typeof fundFor>[3]): Promise<FundRow> {
    return fundFor(this.db, user, id, roles);
  }

  async beneficiaries(user: SessionUser, id: string) {
    const fund = await fundFor(this.db, user, id, "any");
    return this.db
      .select({ b: beneficiaries, unitName: units.name })
      .from(beneficiaries)
      .leftJoin(units, eq(units.id, beneficiaries.unitId))
      .where(eq(beneficiaries.fundId, fund.id))
      .orderBy(asc(beneficiaries.fullName))
      .then((rows) => rows.map(({ b, unitName }) => ({ ...b, unitName })));
  }

  async addBeneficiary(user: SessionUser, id: string, input: BeneficiaryInput) {
    return this.db.transaction(async (tx) => {
      const fund = await fundFor(tx, user, id, ["specialist"]);
      const [row] = await tx
        .insert(beneficiaries)
        .values({ id: randomUUID(), fundId: fund.id, ...input, cccd: input.cccd ?? null, circumstances: input.circumstances ?? null, nameKey: normaliseName(input.fullName), createdBy: user.id, createdAt: this.clock.now() })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    });
  }

  async importList(user: SessionUser, id: string, csv: string) {
    return this.db.transaction(async (tx) => {
      const fund = await fundFor(tx, user, id, ["specialist"]);
      return importProgrammeList(tx, fund.id, csv, user.id, this.clock.now());
    });
  }

  /** A disbursement request as the fund's officials work it: each line's matches and the ledger entries. */
  async request(user: SessionUser, dossierId: string) {
    const [row] = isUuid(dossierId) ? await this.db.select().from(instances).where(eq(instances.id, dossierId)) : [];
    if (!row || row.workflowKey !== FUND_WORKFLOW || !(await canSeeDossier(this.db, user, row))) throw notFound("DOSSIER_NOT_FOUND", "no such request");
    const data = (row.snapshot as DossierSnapshot).context.data;
    const fund = await fundOfRequest(this.db, data);
    // The matches name other dossiers and other programmes: only the fund's officials see them.
    if (!fund || !fundVisible(user, fund)) throw notFound("DOSSIER_NOT_FOUND", "no such request for this fund");
    const screening = await this.screen(this.db, row);
    return { id: row.id, code: row.code, fundId: fund.id, lines: await this.linesShown(data), screening, facts: screeningFacts(screening), entries: await this.ledger.entriesOfDossier(this.db, row.id) };
  }

  /** Each beneficiary line as the desk lists it: who, where, how much, whether paid (one screen per request, no ids typed). */
  private async linesShown(data: Record<string, unknown>) {
    const lines = linesOf(data).filter((l) => typeof l.lineId === "string");
    const unitIds = [...new Set(lines.map((l) => l.unitId).filter(isUuid))];
    const places = unitIds.length ? await this.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [];
    const placeName = new Map(places.map((p) => [p.id, p.name]));
    return lines.map((l) => ({
      lineId: l.lineId,
      fullName: l.fullName,
      birthYear: l.birthYear,
      unitName: placeName.get(l.unitId) ?? null,
      category: l.category,
      amount: l.amount,
      approvedAmount: l.approvedAmount ?? null,
      payment: l.payment ?? null,
    }));
  }

  async publicFunds() {
    const rows = await this.db.select({ f: funds, unitName: units.name }).from(funds).innerJoin(units, eq(units.id, funds.unitId)).orderBy(asc(funds.name));
    return Promise.all(
      rows.map(async ({ f, unitName }) => {
        const { totals, balance } = publicLedger(await this.ledger.entries(this.db, f), new Map());
        return { id: f.id, name: f.name, unitName, balance, totals };
      }),
    );
  }

  async publicLedger(id: string, month?: string) {
    const [fund] = isUuid(id) ? await this.db.select().from(funds).where(eq(funds.id, id)) : [];
    if (!fund) throw notFound("FUND_NOT_FOUND", "no such fund");
    const entries = await this.ledger.entries(this.db, fund);
    return { fund: { id: fund.id, name: fund.name }, month: month ?? null, ...publicLedger(entries, await this.codes(entries), month) };
  }

  /** The campaigns a fund opened, each with its receipts and distribution as the public ledger shows them. */
  async publicCampaigns(fundId: string) {
    const [fund] = isUuid(fundId) ? await this.db.select().from(funds).where(eq(funds.id, fundId)) : [];
    if (!fund) throw notFound("FUND_NOT_FOUND", "no such fund");
    const entries = await this.ledger.entries(this.db, fund);
    const codes = await this.codes(entries);
    return (await openedCampaigns(this.db, fund)).map((row) => publicCampaign(row, fund, entries, codes));
  }

  /** One opened campaign as the public reads it. */
  async publicCampaign(id: string) {
    const { row, fund } = await openedCampaign(this.db, id);
    const entries = await this.ledger.entries(this.db, fund);
    return publicCampaign(row, fund, entries, await this.codes(entries));
  }

  private async codes(entries: EntryRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(entries.map((e) => e.instanceId).filter((x): x is string => x !== null))];
    if (ids.length === 0) return new Map();
    const rows = await this.db.select({ id: instances.id, code: instances.code }).from(instances).where(inArray(instances.id, ids));
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  /** Opens a fund's ledger for a unit (seed and admin set-up). */
  async create(unitId: string, name: string): Promise<FundRow> {
    const [row] = await this.db.insert(funds).values({ id: randomUUID(), unitId, name, createdAt: this.clock.now() }).onConflictDoNothing().returning();
    if (row) return row;
    const [existing] = await this.db.select().from(funds).where(and(eq(funds.unitId, unitId)));
    return existing!;
  }
}
