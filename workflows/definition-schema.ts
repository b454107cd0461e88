import { z } from "zod";
import { DOCUMENT_TYPES, type DocumentType } from "./documents";
import { FigureSource, SourceField } from "./legal-source";

/** Roles a user can hold in an organisation unit (design §4). */
export const ROLES = ["applicant", "specialist", "leader", "accountant", "admin"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Text shown to people: Vietnamese first, English second. */
export const LocalizedText = z.object({ vi: z.string().min(1), en: z.string().min(1).optional() });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A JSONLogic rule over `{ data, event, actor, config }`; checked for known operators by `validateDefinition`. */
export const Condition = z.union([z.record(z.string(), z.unknown()), z.boolean()]);

export const Guard = z
  .object({
    /** Who may send the event: the actor must hold one of these roles on the dossier. */
    role: z.union([Role, z.array(Role).min(1)]).optional(),
    /** A JSONLogic condition that must hold. */
    condition: Condition.optional(),
    /** Why the condition failed, shown to the actor. */
    message: LocalizedText.optional(),
    /** Legal basis of the rule, for the record. */
    source: z.string().optional(),
    /**
     * Finer messages for a failed condition: the first entry whose `when` holds names what is wrong
     * (e.g. "the congress was held after the permitted period" rather than the whole rule); else `message`.
     */
    explain: z.array(z.object({ when: Condition, message: LocalizedText }).strict()).max(20).optional(),
  })
  .strict();
export type Guard = z.infer<typeof Guard>;

/**
 * A numbered document a transition issues (a decision, a refusal, a plan, a report). Texts are templates:
 * `{{data.name}}`, `{{event.reasons}}`, `{{dossier.code}}` are filled in when the document is issued, and
 * the document keeps the filled text for good.
 */
export const IssueDocument = z
  .object({
    type: z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]),
    /** The subject line under the heading ("Về việc công nhận ban vận động thành lập {{data.name}}"). */
    title: LocalizedText,
    /** The issuing unit (its code ends the number); default: the unit of the deciding state's assignee. */
    unit: z.string().optional(),
    /** Legal basis of the document's form or content, for the record. */
    source: z.string().optional(),
    /**
     * How the number is written; default `{seq}/{type}-{unit}` (`15/QĐ-SNV`), `{seq}/{unit}` for a công văn;
     * Party documents use `{seq}-{type}/{unit}`. `{seq}` below 10 gets a leading zero.
     */
    numberFormat: z.string().regex(/\{seq\}/, "numberFormat must contain {seq}").optional(),
    /**
     * A Party document (Hướng dẫn 36-HD/VPTW), issued by a Party body: the only kind that may be a `KL`,
     * and it names its own `numberFormat`.
     */
    partyDocument: z.boolean().optional(),
    /** "Căn cứ …" lines, in order. */
    basis: z.array(z.string()).optional(),
    /** The body, one paragraph (or "Điều n.") per line. */
    content: z.array(z.string()).optional(),
    /** "Nơi nhận" lines. */
    recipients: z.array(z.string()).optional(),
  })
  .strict()
  .refine((d) => d.type !== "KL" || d.partyDocument === true, {
    message: "KL (kết luận) is a Party document type: set partyDocument (Nghị định 30/2020/NĐ-CP has no KL)",
    path: ["type"],
  })
  .refine((d) => d.partyDocument !== true || d.numberFormat !== undefined, {
    message: "a Party document names its numberFormat, e.g. {seq}-{type}/{unit}",
    path: ["numberFormat"],
  });
export type IssueDocument = z.infer<typeof IssueDocument>;

/**
 * A new organisation unit created by a step: its kind, parent (a `$.data.` path or `$starter.unit`), name
 * and code (templates over the dossier data). The dossier's starter gets the `leader` role in it.
 */
export const EstablishUnit = z
  .object({
    kind: z.enum(["association", "fund", "office", "department"]),
    parent: z.string().min(1),
    name: z.string().min(1),
    code: z.string().optional(),
    source: z.string().optional(),
  })
  .strict();
export type EstablishUnit = z.infer<typeof EstablishUnit>;

export const Transition = z
  .object({
    /** The state to go to; omitted for a transition that only runs `actions` and stays where it is. */
    target: z.string().min(1, "missing target").optional(),
    title: LocalizedText.optional(),
    /** Key of the form whose data the event carries (validated on the server). */
    form: z.string().optional(),
    guard: Guard.optional(),
    /** Merge the event's data into the dossier data (e.g. a resubmission replaces answers). */
    mergeData: z.boolean().optional(),
    /** Only the engine itself may send the event (timers, child updates), never a person. */
    system: z.boolean().optional(),
    /** Named pure data actions of the engine (`workflows/data-actions.ts`), run in order on the dossier data. */
    actions: z.array(z.string()).optional(),
    /**
     * Named values the server computes inside the step's transaction and adds to the event's data under
     * the same name before the pure step (e.g. `planSummary`: the compiled reports of the child dossiers).
     */
    compute: z.array(z.string()).optional(),
    /** A numbered document issued in the step's own transaction (decision, refusal, plan, report). */
    issueDocument: IssueDocument.optional(),
    /** An organisation unit the step creates (an association once its charter is approved). */
    establishUnit: EstablishUnit.optional(),
  })
  .strict();
export type Transition = z.infer<typeof Transition>;

export const Assignee = z
  .object({
    role: Role,
    /** Where the task lands: a JSON path into the dossier (`$.data.authorityUnit`) or `$starter.unit`. */
    unit: z.string().optional(),
    /** Ancestor units holding the role may also see and act on the task. */
    visibleToAncestors: z.boolean().optional(),
  })
  .strict();
export type Assignee = z.infer<typeof Assignee>;

export const Deadline = z
  .object({
    workingDays: z.number().int().positive().optional(),
    calendarDays: z.number().int().positive().optional(),
    /** States in which the legal clock is paused (e.g. waiting for a supplement). */
    pauseIn: z.array(z.string()).optional(),
    /** The state whose entry starts the clock; defaults to this state. */
    from: z.string().optional(),
    /** Legal basis of the limit (`legal-source.ts`): built-in definitions give decree, article, clause, verified. */
    source: SourceField.optional(),
  })
  .strict()
  .refine((d) => (d.workingDays === undefined) !== (d.calendarDays === undefined), {
    message: "exactly one of workingDays or calendarDays",
  });
export type Deadline = z.infer<typeof Deadline>;

/** A delayed event, stored as a durable timer row when the state is entered (design §5). */
export const Timer = z
  .object({
    after: z
      .object({ workingDays: z.number().int().positive().optional(), calendarDays: z.number().int().positive().optional() })
      .strict()
      .refine((a) => (a.workingDays === undefined) !== (a.calendarDays === undefined), {
        message: "exactly one of workingDays or calendarDays",
      })
      .optional(),
    /**
     * Instead of `after`: a `$.data.` path to the last day of a limit held in the dossier data (e.g. the
     * founding congress's period, which runs from a decision's effective date and may be extended); the
     * event fires at the first instant of the next day. No date there, no timer.
     */
    at: z.string().regex(/^\$\.data(\.[A-Za-z_$][\w$]*)+$/, "at must be a $.data. path").optional(),
    event: z.string().min(1),
    /** Legal basis of the limit, as for a deadline. */
    source: SourceField.optional(),
  })
  .strict()
  .refine((t) => (t.after === undefined) !== (t.at === undefined), { message: "exactly one of after or at" });
export type Timer = z.infer<typeof Timer>;

/**
 * A value read from the dossier while spawning children: a `$.`-path (`"$.item.unitId"`,
 * `"$.data.indicators"`), a JSONLogic rule over `{ data, item, index, config }`, or a literal.
 */
export const SpawnValue = z.unknown();

/** Child dossiers started when the state is entered: one per item of a list in the dossier data. */
export const Spawn = z
  .object({
    /** Key of the child workflow (its latest version is started). */
    workflow: z.string().min(1),
    /** The list to spawn over, e.g. `"$.data.participatingUnits"`. */
    forEach: z.string().regex(/^\$\.data(\.[A-Za-z_$][\w$]*)+$/, "forEach must be a $.data. path"),
    /** A key unique among the children of the parent (default: the item's index). */
    key: SpawnValue.optional(),
    /** The unit the child belongs to (its assignee's unit), e.g. `"$.item.unitId"`. */
    unit: SpawnValue.optional(),
    /** Title of the child dossier. */
    title: SpawnValue.optional(),
    /** The child's start data, field by field. */
    data: z.record(z.string(), SpawnValue).optional(),
  })
  .strict();
export type Spawn = z.infer<typeof Spawn>;

export type StateNodeDef = {
  title: LocalizedText;
  type?: "atomic" | "compound" | "parallel" | "final" | undefined;
  initial?: string | undefined;
  states?: Record<string, StateNodeDef> | undefined;
  assignee?: Assignee | undefined;
  deadline?: Deadline | undefined;
  timers?: Timer[] | undefined;
  on?: Record<string, Transition | Transition[]> | undefined;
  always?: Transition[] | undefined;
  /** Child dossiers to start on entry; the parent follows them in `data.$children`. */
  spawn?: Spawn | undefined;
  /** Public step title on the status page, when it differs from `title`. */
  publicTitle?: LocalizedText | undefined;
};

export const StateNode: z.ZodType<StateNodeDef> = z.lazy(() =>
  z
    .object({
      title: LocalizedText,
      type: z.enum(["atomic", "compound", "parallel", "final"]).optional(),
      initial: z.string().optional(),
      states: z.record(z.string(), StateNode).optional(),
      assignee: Assignee.optional(),
      deadline: Deadline.optional(),
      timers: z.array(Timer).optional(),
      on: z.record(z.string(), z.union([Transition, z.array(Transition).min(1)])).optional(),
      always: z.array(Transition).optional(),
      spawn: Spawn.optional(),
      publicTitle: LocalizedText.optional(),
    })
    .strict(),
);

/**
 * The one-stop procedure ("một cửa", Nghị định 61/2018/NĐ-CP, replaced from 01/07/2025 by Nghị định
 * 118/2025/NĐ-CP) of a definition: the receipt with its return date issued when a legal clock starts, the
 * written supplement request and its limit, what a supplement does to the clock, and the apology with a
 * new date for an overdue dossier. Read by `workflows/one-stop.ts`; each part carries its source.
 */
export const OneStop = z
  .object({
    /** "Giấy tiếp nhận hồ sơ và hẹn trả kết quả": issued whenever a legal clock starts or runs again after a supplement. */
    receipt: z.object({ document: IssueDocument, source: FigureSource }).strict(),
    /** "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ": written, listing everything at once, within the limit after receipt. */
    supplement: z
      .object({
        /** The event that asks for a supplement (default `REQUEST_SUPPLEMENT`). */
        event: z.string().min(1).optional(),
        /** Working days after the receipt (not counting its day) within which the request is due. */
        withinWorkingDays: z.number().int().positive(),
        document: IssueDocument,
        source: FigureSource,
      })
      .strict(),
    /** After a supplement the clock resumes with the days left (`pause`) or runs again in full from the complete dossier (`restart`). */
    clockOnSupplement: z.object({ rule: z.enum(["pause", "restart"]), source: FigureSource }).strict(),
    /** "Phiếu xin lỗi và hẹn lại ngày trả kết quả": an official's written apology with a new date, only on an overdue dossier. */
    apology: z.object({ document: IssueDocument, source: FigureSource }).strict(),
  })
  .strict();
export type OneStop = z.infer<typeof OneStop>;

export const WorkflowDefinition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, "key must be kebab-case"),
    version: z.number().int().positive().optional(),
    title: LocalizedText,
    description: LocalizedText.optional(),
    startForm: z.string().optional(),
    /** Started only as a child of another dossier (`spawn`), never directly by a person. */
    spawnedOnly: z.boolean().optional(),
    /** Legal sources the definition follows. */
    source: z.array(z.string()).optional(),
    /** Numbers from the law, referenced from conditions as `{"var": "config.x"}`. */
    config: z.record(z.string(), z.unknown()).optional(),
    /**
     * The source of each configured figure, keyed by its dotted path in `config` (a key covers the
     * figures under it: `minCommitteeMembers` covers `minCommitteeMembers.province`).
     */
    configSources: z.record(z.string(), FigureSource).optional(),
    /** The one-stop procedure, when the dossier is an administrative procedure handled at a one-stop desk. */
    oneStop: OneStop.optional(),
    initial: z.string().min(1),
    states: z.record(z.string(), StateNode),
  })
  .strict();
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;
