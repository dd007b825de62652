import { describe, expect, it } from 'vitest';
import { DAY, ev, HOUR, rulesFrom } from '../test-support.js';
import { RuleEngine } from './rule-engine.js';

const env = { utcOffsetMinutes: 480, workHours: [8, 20] as const };
const T0 = Date.UTC(2024, 4, 6, 2, 0, 0);

function engine(yaml: string, lists: Record<string, string[]> = {}) {
  return new RuleEngine(rulesFrom(yaml, { lists }), env);
}

function ids(e: RuleEngine, event: ReturnType<typeof ev>): string[] {
  return e.evaluate(event).map((h) => h.rule.id);
}

describe('field conditions', () => {
  const cases: [string, string, Parameters<typeof ev>[0], boolean][] = [
    ['equals ignores case', `action: getobject`, { action: 'GetObject' }, true],
    ['equals with caseSensitive', `action: { equals: getobject, caseSensitive: true }`, { action: 'GetObject' }, false],
    ['in', `channel: [download, upload]`, { channel: 'upload' }, true],
    ['in misses', `channel: [download, upload]`, { channel: 'delete' }, false],
    ['regex', `object.path: { regex: '\\.(sql|bak)$' }`, { object: { path: 'db/prod.SQL' } }, true],
    ['exists true', `destination.device: { exists: true }`, { destination: { device: 'USB-1' } }, true],
    ['exists false', `destination.device: { exists: false }`, { destination: { device: 'USB-1' } }, false],
    ['null means absent', `destination.device: null`, {}, true],
    ['cidr v4', `actor.ip: { cidr: [10.0.0.0/8] }`, { actor: { ip: '10.2.3.4' } }, true],
    ['cidr v4 outside', `actor.ip: { cidr: [10.0.0.0/8] }`, { actor: { ip: '11.2.3.4' } }, false],
    ['cidr v6', `actor.ip: { cidr: ['2001:db8::/32'] }`, { actor: { ip: '2001:db8:1::5' } }, true],
    ['gte', `bytes: { gte: 1000 }`, { bytes: 1000 }, true],
    ['lt', `bytes: { lt: 1000 }`, { bytes: 1000 }, false],
    ['numbers in strings compare as numbers', `raw.size: { gt: 9 }`, { raw: { size: '10' } }, true],
    ['contains', `object.path: { contains: SALARY }`, { object: { path: 'hr/salary-2024.xlsx' } }, true],
    ['startsWith / endsWith', `object.path: { startsWith: hr/, endsWith: .xlsx }`, { object: { path: 'hr/salary.xlsx' } }, true],
    ['inList', `destination.domain: { inList: personal }`, { destination: { domain: 'QQ.com' } }, true],
    ['domainInList takes addresses and sub-domains', `destination.account: { domainInList: personal }`, { destination: { account: 'x@mail.qq.com' } }, true],
    ['not', `channel: { not: { in: [download] } }`, { channel: 'upload' }, true],
    ['attributes arrays match any element', `attributes.scopes: { regex: 'drive$' }`, { attributes: { scopes: ['calendar', 'https://www.googleapis.com/auth/drive'] } }, true],
    ['every needs all elements', `attributes.scopes: { every: true, regex: 'calendar' }`, { attributes: { scopes: ['calendar', 'drive'] } }, false],
    ['length', `attributes.scopes: { length: { gte: 2 } }`, { attributes: { scopes: ['a', 'b'] } }, true],
    ['raw keys match case-insensitively', `raw.requestParameters.bucketName: logs`, { raw: { RequestParameters: { BUCKETNAME: 'logs' } } }, true],
    ['raw crosses arrays', `raw.Records.eventName: StopLogging`, { raw: { Records: [{ eventName: 'x' }, { eventName: 'StopLogging' }] } }, true],
    ['raw addresses name/value pairs by name', `raw.Parameters.ForwardTo: { contains: '@gmail.com' }`, { raw: { Parameters: [{ Name: 'ForwardTo', Value: 'me@gmail.com' }] } }, true],
    ['raw parses JSON strings on the way', `raw.policy.Statement.Principal: '*'`, { raw: { policy: '{"Statement":[{"Principal":"*"}]}' } }, true],
    ['any of', `any: [{ action: A }, { action: B }]`, { action: 'B' }, true],
    ['all of', `all: [{ action: B }, { channel: upload }]`, { action: 'B', channel: 'download' }, false],
    ['booleans match their string form', `raw.resultstatus: true`, { raw: { resultstatus: 'True' } }, true],
  ];
  it.each(cases)('%s', (_name, cond, init, expected) => {
    const yaml = `rules:\n  - id: c.one\n    title: T\n    when:\n      ${cond}\n`;
    const e = engine(yaml, { personal: ['qq.com', 'gmail.com'] });
    expect(ids(e, ev(init))).toEqual(expected ? ['c.one'] : []);
  });
});

describe('gating by source, action and channel', () => {
  const cases: [string, string, Parameters<typeof ev>[0], boolean][] = [
    ['a pinned channel ignores case', `channel: Download`, { channel: 'download' }, true],
    ['another channel is not a candidate', `channel: download`, { channel: 'upload' }, false],
    ['any unions its branches', `any: [{ channel: share_external }, { action: [SharingSet] }]`, { channel: 'share_internal', action: 'sharingset' }, true],
    ['any with an unpinned branch stays open', `any: [{ channel: share_external }, { object.path: { contains: secret } }]`, { channel: 'download', object: { path: 'a/secret.txt' } }, true],
    ['not pins nothing', `not: { channel: download }`, { channel: 'upload' }, true],
    ['a conjunct pins', `all: [{ object.path: { exists: true } }, { source: [cloudtrail] }]`, { source: 'cloudtrail', object: { path: 'x' } }, true],
    ['numbers do not pin', `action: 4663`, { action: '4663' }, true],
  ];
  it.each(cases)('%s', (_name, cond, init, expected) => {
    const yaml = `rules:\n  - id: g.one\n    title: T\n    when:\n      ${cond}\n`;
    const e = engine(yaml);
    // Twice: the second evaluation reads the cached candidate list.
    expect(ids(e, ev(init))).toEqual(expected ? ['g.one'] : []);
    expect(ids(e, ev(init))).toEqual(expected ? ['g.one'] : []);
  });
});

describe('param paths', () => {
  const yaml = `rules:\n  - id: p.one\n    title: T\n    when:\n      param.target_user: { contains: '@outside.example' }\n`;
  it('read the parameters of the event named like the action, not of its siblings', () => {
    const raw = {
      events: [
        { name: 'edit', parameters: [{ name: 'target_user', value: 'x@outside.example' }] },
        { name: 'change_user_access', parameters: [{ name: 'target_user', value: 'y@corp.example' }] },
      ],
    };
    expect(ids(engine(yaml), ev({ action: 'change_user_access', raw }))).toEqual([]);
    expect(ids(engine(yaml), ev({ action: 'edit', raw }))).toEqual(['p.one']);
  });
  it('prefer the attribute the parser set', () => {
    expect(ids(engine(yaml), ev({ action: 'x', attributes: { target_user: 'z@outside.example' } }))).toEqual(['p.one']);
  });
});

describe('windows', () => {
  it('count fires when N events of one key fall within the span, then starts over', () => {
    const e = engine(`rules:\n  - id: w.count\n    title: T\n    when: { channel: download }\n    window:\n      within: 1h\n      by: actor\n      count: 3\n`);
    const at = (m: number, user = 'a@x.example') => ev({ channel: 'download', time: T0 + m * 60_000, actor: { user } });
    expect(e.evaluate(at(0))).toHaveLength(0);
    expect(e.evaluate(at(10, 'b@x.example'))).toHaveLength(0);
    expect(e.evaluate(at(20))).toHaveLength(0);
    const hits = e.evaluate(at(30));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.start).toBe(T0);
    expect(hits[0]!.evidence).toHaveLength(3);
    expect(hits[0]!.reason).toMatch(/count 3 ≥ 3 within 1h/);
    expect(e.evaluate(at(31))).toHaveLength(0);
  });

  it('count does not fire when the events spread wider than the span', () => {
    const e = engine(`rules:\n  - id: w.count\n    title: T\n    when: { channel: download }\n    window:\n      within: 1h\n      count: 3\n`);
    const hits = [0, 40, 80, 120].flatMap((m) => e.evaluate(ev({ channel: 'download', time: T0 + m * 60_000 })));
    expect(hits).toHaveLength(0);
  });

  it('sum adds a numeric field and fires at the threshold', () => {
    const e = engine(`rules:\n  - id: w.sum\n    title: T\n    when: { channel: download }\n    window:\n      within: 1d\n      sum: { field: bytes, gte: 1GB }\n`);
    expect(e.evaluate(ev({ channel: 'download', bytes: 600e6, time: T0 }))).toHaveLength(0);
    expect(e.evaluate(ev({ channel: 'download', bytes: 300e6, time: T0 + HOUR }))).toHaveLength(0);
    const hits = e.evaluate(ev({ channel: 'download', bytes: 200e6, time: T0 + 2 * HOUR }));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.detail).toMatchObject({ window: { kind: 'sum', value: 1.1e9 } });
  });

  it('sum forgets what fell out of the span', () => {
    const e = engine(`rules:\n  - id: w.sum\n    title: T\n    when: { channel: download }\n    window:\n      within: 1h\n      sum: { field: bytes, gte: 1000 }\n`);
    expect(e.evaluate(ev({ channel: 'download', bytes: 600, time: T0 }))).toHaveLength(0);
    expect(e.evaluate(ev({ channel: 'download', bytes: 600, time: T0 + 2 * HOUR }))).toHaveLength(0);
  });

  it('distinct counts different values only', () => {
    const e = engine(`rules:\n  - id: w.distinct\n    title: T\n    when: { channel: share_link }\n    window:\n      within: 1h\n      distinct: { field: object.path, gte: 3 }\n`);
    const share = (path: string, m: number) => ev({ channel: 'share_link', object: { path }, time: T0 + m * 60_000 });
    expect(e.evaluate(share('a', 0))).toHaveLength(0);
    expect(e.evaluate(share('a', 1))).toHaveLength(0);
    expect(e.evaluate(share('b', 2))).toHaveLength(0);
    expect(e.evaluate(share('c', 3))).toHaveLength(1);
  });
});

describe('sequences', () => {
  const yaml = `rules:
  - id: s.one
    title: Login then pull
    sequence:
      by: actor
      within: 1d
      steps:
        - when: { channel: login }
        - when: { channel: download }
`;
  it('fire when step B follows step A for the same actor within the span', () => {
    const e = engine(yaml);
    expect(e.evaluate(ev({ channel: 'login', time: T0, actor: { user: 'a@x' } }))).toHaveLength(0);
    const hits = e.evaluate(ev({ channel: 'download', time: T0 + HOUR, actor: { user: 'a@x' } }));
    expect(hits.map((h) => h.rule.id)).toEqual(['s.one']);
    expect(hits[0]!.start).toBe(T0);
    expect(hits[0]!.evidence).toHaveLength(2);
  });

  it('do not fire for another actor, after the span, or in the wrong order', () => {
    const e = engine(yaml);
    e.evaluate(ev({ channel: 'login', time: T0, actor: { user: 'a@x' } }));
    expect(e.evaluate(ev({ channel: 'download', time: T0 + HOUR, actor: { user: 'b@x' } }))).toHaveLength(0);
    expect(e.evaluate(ev({ channel: 'download', time: T0 + 2 * DAY, actor: { user: 'a@x' } }))).toHaveLength(0);
    const f = engine(yaml);
    f.evaluate(ev({ channel: 'download', time: T0, actor: { user: 'c@x' } }));
    expect(f.evaluate(ev({ channel: 'login', time: T0 + HOUR, actor: { user: 'c@x' } }))).toHaveLength(0);
  });

  it('can require a window as a step (then N downloads within an hour)', () => {
    const e = engine(`rules:
  - id: s.win
    title: T
    sequence:
      within: 1d
      steps:
        - when: { channel: login }
        - when: { channel: download }
          window: { within: 1h, count: 3 }
`);
    e.evaluate(ev({ channel: 'login', time: T0 }));
    const hits = [1, 2, 3].flatMap((m) => e.evaluate(ev({ channel: 'download', time: T0 + m * 60_000 })));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.evidence.length).toBe(4);
  });
});

describe('reloading rules', () => {
  it('keeps window state for a rule whose spec did not change', () => {
    const yaml = `rules:\n  - id: w.keep\n    title: T\n    when: { channel: download }\n    window:\n      within: 1h\n      count: 2\n`;
    const e = engine(yaml);
    e.evaluate(ev({ channel: 'download', time: T0 }));
    e.setRules(rulesFrom(yaml + `  - id: other\n    title: O\n    when: { action: Z }\n`));
    expect(e.evaluate(ev({ channel: 'download', time: T0 + 60_000 }))).toHaveLength(1);
  });
});
