import { stepEffects, type PackEffect, type StepEffect, type StepEffectKind } from "../../workflows";
import type { DomainPacks } from "./domain-packs";
import type { StepContext } from "./step-context";

/** Applies one kind of effect inside the step's transaction; throwing rolls the whole step back. */
export type EffectApplier<E extends StepEffect = StepEffect> = (effect: E, context: StepContext) => Promise<void>;

type CoreEffect = Exclude<StepEffect, PackEffect>;

/** The applier of one kind of the core's effects. */
export type ApplierOf<K extends CoreEffect["kind"]> = EffectApplier<Extract<CoreEffect, { kind: K }>>;

/** One applier per effect of the pure core: the server cannot forget one (the type requires all). */
export type CoreAppliers = { [K in CoreEffect["kind"]]: EffectApplier<Extract<CoreEffect, { kind: K }>> };

/**
 * The one place a step's effects become writes. The pure core says what the step means
 * (`stepEffects`, then the effects of the workflow's domain pack); each is applied in that order, in
 * the step's transaction, after the snapshot and the history entry are queued:
 *
 * 1. tasks close and open (who may act next),
 * 2. legal clocks move (and fill the due dates of the tasks just opened),
 * 3. state timers are cancelled and planned (with dated reminders),
 * 4. the numbered document is issued (and the one-stop slips: supplement request, receipt with the
 *    clock's due date, apology), the new unit created,
 * 5. the outbox rows are queued (their recipients are the holders of the tasks just opened),
 * 6. child dossiers start and the parent is told,
 * 7. the domain pack's own effects (e.g. a fund's lines and its ledger).
 */
export class StepPipeline {
  constructor(
    private readonly core: CoreAppliers,
    private readonly packs: DomainPacks,
  ) {}

  /** The effects of the step, as the pure core and the workflow's pack compute them. */
  effectsOf(context: StepContext): StepEffect[] {
    const { workflow, step, event, instance, at } = context;
    const core = stepEffects(workflow, step, event.type, instance, at.toISOString());
    const pack = this.packs.forWorkflow(instance.workflowKey);
    return pack?.effects ? [...core, ...pack.effects(workflow, step, event)] : core;
  }

  /** Applies every effect of the step, in order. */
  async apply(context: StepContext): Promise<void> {
    for (const effect of this.effectsOf(context)) await this.applierOf(effect.kind, context)(effect, context);
  }

  private applierOf(kind: StepEffectKind, context: StepContext): EffectApplier {
    const core = (this.core as Record<string, EffectApplier | undefined>)[kind];
    if (core) return core;
    const pack = this.packs.forWorkflow(context.instance.workflowKey)?.appliers?.[kind];
    if (pack) return pack as EffectApplier;
    throw new Error(`no applier for the "${kind}" effect of ${context.instance.workflowKey}`);
  }
}

/** A pack's applier of its own effect kind, as the pipeline stores it (it is only called with that kind). */
export function packApplier<E extends PackEffect>(applier: EffectApplier<E>): EffectApplier<PackEffect> {
  return applier as unknown as EffectApplier<PackEffect>;
}
