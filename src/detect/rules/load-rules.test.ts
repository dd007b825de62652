import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLeakwatchError, type LeakwatchError } from '../../errors/index.js';
import { rulesFrom } from '../test-support.js';
import { compileRuleSources, loadRuleFiles } from './load-rules.js';

function failure(fn: () => unknown): LeakwatchError {
  try {
    fn();
  } catch (err) {
    if (isLeakwatchError(err)) return err;
    throw err;
  }
  throw new Error('expected an error');
}

const GOOD = `
version: 1
lists:
  vip: [ceo@corp.example]
rules:
  - id: test.first
    title: First
    severity: high
    when:
      action: GetObject
  - id: test.second
    title: Second
    when:
      actor.user: { inList: vip }
`;

describe('when a rule file is valid', () => {
  it('compiles every enabled rule with its severity, default score and origin line', () => {
    const set = rulesFrom(GOOD);
    expect(set.rules.map((r) => r.id)).toEqual(['test.first', 'test.second']);
    expect(set.rules[0]!.severity).toBe('high');
    expect(set.rules[0]!.score).toBe(75);
    expect(set.rules[1]!.severity).toBe('medium');
    expect(set.rules[0]!.origin.line).toBe(6);
    expect(set.lists.get('vip')).toEqual(['ceo@corp.example']);
  });

  it('indexes rules by the action they pin', () => {
    const set = rulesFrom(GOOD);
    expect([...set.rules[0]!.actions!]).toEqual(['getobject']);
    expect(set.rules[1]!.actions).toBeNull();
  });

  it('reads JSON rule files too', () => {
    const set = compileRuleSources([{ file: 'r.json', text: JSON.stringify({ rules: [{ id: 'j.one', title: 'J', when: { action: 'X' } }] }) }]);
    expect(set.rules[0]!.id).toBe('j.one');
  });

  it('leaves out rules marked enabled: false', () => {
    const set = rulesFrom(`rules:\n  - id: off.one\n    title: Off\n    enabled: false\n    when: { action: X }\n`);
    expect(set.rules).toHaveLength(0);
  });

  it('lets configuration replace a list of the same name', () => {
    const set = rulesFrom(GOOD, { lists: { vip: ['cfo@corp.example'] } });
    expect(set.lists.get('vip')).toEqual(['cfo@corp.example']);
  });
});

describe('when a rule file has a YAML syntax error', () => {
  const broken = `rules:
  - id: ok.rule
    title: Fine
    when: { action: A }
  - id: broken.rule
    title: Broken
    when:
      action: [GetObject, PutObject
  - id: after.rule
    title: After
    when: { action: B }
`;

  it('reports DETECT_RULE_SYNTAX naming the file, the line and the nearest rule', () => {
    const err = failure(() => rulesFrom(broken, {}, 'pack.yaml'));
    expect(err.code).toBe('DETECT_RULE_SYNTAX');
    expect(err.details.line).toBeGreaterThanOrEqual(8);
    expect(err.details.line).toBeLessThanOrEqual(10);
    expect(err.details['rule']).toMatch(/broken\.rule|after\.rule/);
    expect(err.message).toMatch(/^pack\.yaml:\d+ \(rule (broken|after)\.rule\): /);
  });
});

describe('when a rule breaks the schema', () => {
  const cases: [string, string, RegExp, number][] = [
    ['an unknown operator', `rules:\n  - id: bad.op\n    title: T\n    when:\n      action: { matches: X }\n`, /unknown operator "matches"/, 5],
    ['an invalid regex', `rules:\n  - id: bad.re\n    title: T\n    when:\n      action: { regex: "([" }\n`, /invalid regex/, 5],
    ['an unknown list', `rules:\n  - id: bad.list\n    title: T\n    when:\n      actor.user: { inList: nope }\n`, /unknown list "nope"/, 5],
    ['an unknown field', `rules:\n  - id: bad.field\n    title: T\n    when:\n      colour: red\n`, /unknown field "colour"/, 5],
    ['an unknown derived fact', `rules:\n  - id: bad.fact\n    title: T\n    when:\n      derived.vibes: true\n`, /unknown derived fact/, 5],
    ['no condition', `rules:\n  - id: no.when\n    title: T\n`, /needs when/, 2],
    ['a bad severity', `rules:\n  - id: bad.sev\n    title: T\n    severity: urgent\n    when: { action: A }\n`, /severity is one of/, 4],
    ['a window without a threshold', `rules:\n  - id: bad.win\n    title: T\n    when: { action: A }\n    window:\n      within: 1h\n`, /exactly one of count, sum, distinct/, 5],
    ['a bad duration', `rules:\n  - id: bad.dur\n    title: T\n    when: { action: A }\n    window:\n      within: soon\n      count: 3\n`, /within is a duration/, 6],
    ['a one-step sequence', `rules:\n  - id: bad.seq\n    title: T\n    sequence:\n      within: 1h\n      steps:\n        - when: { action: A }\n`, /at least two steps/, 6],
    ['an unknown reason placeholder', `rules:\n  - id: bad.reason\n    title: T\n    reason: '{nonsense.path} did it'\n    when: { action: A }\n`, /unknown field "nonsense.path"/, 4],
  ];

  it.each(cases)('reports DETECT_RULE_INVALID for %s, naming the rule and the line', (_name, yaml, message, line) => {
    const err = failure(() => rulesFrom(yaml, {}, 'r.yaml'));
    expect(err.code).toBe('DETECT_RULE_INVALID');
    expect(err.message).toMatch(message);
    expect(err.details.line).toBe(line);
    expect(err.message).toContain(`r.yaml:${line} (rule `);
  });

  it('rejects a duplicate rule id and names where it was first defined', () => {
    const err = failure(() => rulesFrom(`rules:\n  - id: dup.one\n    title: A\n    when: { action: A }\n  - id: dup.one\n    title: B\n    when: { action: B }\n`));
    expect(err.code).toBe('DETECT_RULE_INVALID');
    expect(err.message).toMatch(/duplicate rule id \(first defined at test-rules\.yaml:2\)/);
    expect(err.details.line).toBe(5);
  });
});

describe('when loading rule files from a folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lw-rules-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every .yaml, .yml and .json file in name order and shares lists across them', async () => {
    await writeFile(join(dir, 'a-lists.yaml'), 'lists:\n  bad: [evil.example]\n');
    await writeFile(join(dir, 'b-rules.yml'), 'rules:\n  - id: uses.list\n    title: T\n    when:\n      destination.domain: { inList: bad }\n');
    await writeFile(join(dir, 'notes.txt'), 'not a rule file');
    const set = await loadRuleFiles(dir);
    expect(set.rules.map((r) => r.id)).toEqual(['uses.list']);
    expect(set.files.map((f) => f.slice(dir.length + 1))).toEqual(['a-lists.yaml', 'b-rules.yml']);
  });

  it('lets a later path redefine a list of an earlier one (an organisation\'s lists over the pack\'s)', async () => {
    const pack = join(dir, 'pack');
    const org = join(dir, 'org');
    await mkdir(pack);
    await mkdir(org);
    await writeFile(join(pack, 'lists.yaml'), 'lists:\n  bad: [evil.example]\n');
    await writeFile(join(org, 'lists.yaml'), 'lists:\n  bad: [worse.example]\n');
    const set = await loadRuleFiles([pack, org]);
    expect(set.lists.get('bad')).toEqual(['worse.example']);
  });

  it('reports DETECT_RULES_UNREADABLE for a path that does not exist', async () => {
    await expect(loadRuleFiles(join(dir, 'missing'))).rejects.toMatchObject({ code: 'DETECT_RULES_UNREADABLE' });
  });
});
