import { z } from "zod";

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
  })
  .strict();
export type Guard = z.infer<typeof Guard>;

export const Transition = z
  .object({
    target: z.string().min(1, "missing target"),
    title: LocalizedText.optional(),
    /** Key of the form whose data the event carries (validated on the server). */
    form: z.string().optional(),
    guard: Guard.optional(),
    /** Merge the event's data into the dossier data (e.g. a resubmission replaces answers). */
    mergeData: z.boolean().optional(),
    /** Named effects the server runs after commit (documents, notifications, …). */
    effects: z.array(z.string()).optional(),
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
    /** Legal basis of the rule, for the record. */
    source: z.string().optional(),
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
      }),
    event: z.string().min(1),
    source: z.string().optional(),
  })
  .strict();
export type Timer = z.infer<typeof Timer>;

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
      publicTitle: LocalizedText.optional(),
    })
    .strict(),
);

export const WorkflowDefinition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, "key must be kebab-case"),
    version: z.number().int().positive().optional(),
    title: LocalizedText,
    description: LocalizedText.optional(),
    startForm: z.string().optional(),
    /** Legal sources the definition follows. */
    source: z.array(z.string()).optional(),
    /** Numbers from the law, referenced from conditions as `{"var": "data.$config.x"}`. */
    config: z.record(z.string(), z.unknown()).optional(),
    initial: z.string().min(1),
    states: z.record(z.string(), StateNode),
  })
  .strict();
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;
