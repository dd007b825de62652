// The shape of detection rules as authors write them (YAML or JSON) and as the
// engine runs them after compilation. Rules are data: a condition tree over event
// fields, optionally a window (count/sum/distinct per key) or a sequence of steps.
import type { DataEvent } from '../events.js';

/** The event fields a gate can pin (read straight off the event, compared ignoring case). */
export type GateField = 'source' | 'action' | 'channel';

/**
 * A necessary condition for a rule's condition to hold, for indexing: the event's
 * lower-cased source, action or channel is in at least one of the sets given.
 */
export type Gate = Readonly<Partial<Record<GateField, ReadonlySet<string>>>>;

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** A single value read from an event: what a field path yields, one per match. */
export type FieldValue = string | number | boolean;

/** Compiled condition: true when the event satisfies it. */
export type Predicate = (ctx: EvalContext) => boolean;

/** What a condition sees: the event, derived facts, the named lists. */
export interface EvalContext {
  readonly event: DataEvent;
  /** Values of a field path (normalised field, attribute, derived fact or raw path). */
  values(path: string): readonly FieldValue[];
}

/** A window: aggregate matching events per key within `withinMs`, fire at the threshold. */
export interface WindowSpec {
  readonly withinMs: number;
  /** Field paths whose values form the key; `actor` is the entity (user, else service, else ip). */
  readonly by: readonly string[];
  readonly kind: 'count' | 'sum' | 'distinct';
  /** For sum and distinct: the field aggregated. */
  readonly field?: string;
  /** Fires when the aggregate reaches this value. */
  readonly threshold: number;
}

export interface SequenceStep {
  readonly when: Predicate;
  readonly window?: WindowSpec;
  /** Lower-cased action names this step can match, when the condition pins them (an index for speed). */
  readonly actions: ReadonlySet<string> | null;
  /** Sources this step can match, when the condition pins them. */
  readonly sources: ReadonlySet<string> | null;
  /** Source, action or channel values one of which any matching event has (an index for speed); absent or null for none. */
  readonly gate?: Gate | null;
}

export interface SequenceSpec {
  readonly by: readonly string[];
  readonly withinMs: number;
  readonly steps: readonly SequenceStep[];
}

export interface CompiledRule {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The leak family the rule belongs to (public_exposure, external_sharing, ...). */
  readonly family: string;
  readonly severity: Severity;
  /** Risk score 0-100. */
  readonly score: number;
  /** Channel reported on the alert; the event's channel when absent. */
  readonly channel?: string;
  /** Reason template: `{path}` placeholders are filled from the triggering event. */
  readonly reason: string;
  /** Field paths that key alert grouping (default: the actor). */
  readonly groupBy: readonly string[];
  /** Hits of the same rule and group key within this span merge into one alert. */
  readonly groupWithinMs: number;
  readonly when: Predicate | null;
  readonly actions: ReadonlySet<string> | null;
  readonly sources: ReadonlySet<string> | null;
  /** Source, action or channel values one of which any matching event has (an index for speed); absent or null for none. */
  readonly gate?: Gate | null;
  readonly window?: WindowSpec;
  readonly sequence?: SequenceSpec;
  /** Where the rule was defined, for error messages and explanations. */
  readonly origin: { readonly file: string; readonly line: number };
}

export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  /** Named lists (personal mail domains, approved apps...), after configuration overrides. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** Files the set was loaded from. */
  readonly files: readonly string[];
}
