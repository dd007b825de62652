// The full report: the basics, monthly trends with their flagged months, and,
// when windows are given, the calendar-window analysis. Pure: fact columns in,
// report out; the service reads the columns from the store.
import type { IncidentFactColumns, IncidentFilter } from '../store/index.js';
import type { DimensionName } from './dimensions.js';
import { COUNTING_RULES, countBasics, type ReportBasics } from './report.js';
import { monthlyTrends, type MonthlyTrends, type TrendOptions } from './trends/monthly-trends.js';
import type { WindowsSpec } from './windows/calendar-windows.js';
import { analyseWindows, type WindowAnalysis } from './windows/window-analysis.js';

export interface ReportOptions {
  readonly windows?: WindowsSpec | null;
  /** Dimensions of the per-category window comparison (default action, cause, channel, industry). */
  readonly windowDimensions?: readonly DimensionName[];
  readonly trends?: TrendOptions;
  /** How many countries the top list keeps (default 15). */
  readonly topCountries?: number;
}

export interface IncidentReport extends ReportBasics {
  readonly generatedAt: string;
  readonly filter: IncidentFilter;
  readonly countingRules: typeof COUNTING_RULES;
  readonly trends: MonthlyTrends;
  readonly windows: WindowAnalysis | null;
}

export function buildReport(f: IncidentFactColumns, options: ReportOptions & { filter?: IncidentFilter; now?: number } = {}): IncidentReport {
  return {
    generatedAt: new Date(options.now ?? Date.now()).toISOString(),
    filter: options.filter ?? {},
    countingRules: COUNTING_RULES,
    ...countBasics(f, options.topCountries),
    trends: monthlyTrends(f, options.trends),
    windows: options.windows ? analyseWindows(f, options.windows, options.windowDimensions) : null,
  };
}
