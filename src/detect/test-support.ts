// Test helpers: DataEvents built from a few fields, and rule sets from YAML text.
import type { DataEvent } from './events.js';
import { compileRuleSources, type RuleLoadOptions } from './rules/load-rules.js';
import type { CompiledRuleSet } from './rules/rule-types.js';

let seq = 0;

export type EventInit = Partial<Omit<DataEvent, 'actor'>> & { actor?: DataEvent['actor'] };

/** A DataEvent with defaults: a successful `other` event by alice@corp.example now-ish. */
export function ev(init: EventInit = {}): DataEvent {
  seq++;
  return {
    id: init.id ?? `test:${seq}`,
    time: init.time ?? Date.UTC(2024, 4, 6, 2, 0, 0),
    ingestTime: init.ingestTime ?? init.time ?? Date.UTC(2024, 4, 6, 2, 0, 0),
    source: init.source ?? 'jsonl',
    action: init.action ?? 'Something',
    channel: init.channel ?? 'other',
    actor: init.actor ?? { user: 'alice@corp.example' },
    outcome: init.outcome ?? 'success',
    raw: init.raw ?? {},
    ...(init.object ? { object: init.object } : {}),
    ...(init.destination ? { destination: init.destination } : {}),
    ...(init.bytes !== undefined ? { bytes: init.bytes } : {}),
    ...(init.records !== undefined ? { records: init.records } : {}),
    ...(init.attributes ? { attributes: init.attributes } : {}),
  };
}

/** Compiles YAML rule text (one file) into a rule set. */
export function rulesFrom(yaml: string, options: RuleLoadOptions = {}, file = 'test-rules.yaml'): CompiledRuleSet {
  return compileRuleSources([{ file, text: yaml }], options);
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
