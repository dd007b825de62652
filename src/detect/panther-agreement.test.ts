// The shipped pack against Panther's labelled rule tests in ../shared, through the
// events parsers: the same scoring `npm run eval:detect` prints, as a regression test.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEventsAdapter } from '../../eval/detect/events-adapter.js';
import { evalPanther, LOGS } from '../../eval/detect/panther.js';

describe.skipIf(!existsSync(LOGS))('agreement with Panther\'s labelled rule tests (skipped: ../shared absent)', () => {
  it('agrees with expected_alert on at least 95 % of the selected cases, and on every family at 90 % or more', async () => {
    const report = await evalPanther(await loadEventsAdapter());
    expect(report.cases).toBeGreaterThanOrEqual(150);
    expect(report.agreement).toBeGreaterThanOrEqual(0.95);
    const weak = Object.entries(report.families).filter(([, f]) => f.agreement < 0.9);
    expect(weak.map(([name]) => name)).toEqual([]);
  });
});
