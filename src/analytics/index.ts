// Analytics: the incident report (counts, shares, documented counting rules),
// monthly trends with change detection, calendar-window rate ratios with exact
// intervals, and differentially private releases under a per-dataset budget.
export { COUNTING_RULES, countBasics, vcdbReferenceFigures, type ReportBasics, type CountEntry } from './report.js';
export { buildReport, type IncidentReport, type ReportOptions } from './incident-report.js';
export { IncidentAnalytics } from './analytics-service.js';
export { DIMENSIONS, DIMENSION_NAMES, parseDimensions, type Dimension, type DimensionName } from './dimensions.js';
export { monthlyTrends, detectChanges, DEFAULT_TREND_OPTIONS, type MonthlyTrends, type TrendSeries, type TrendChange, type TrendOptions } from './trends/monthly-trends.js';
export { parseWindowsSpec, windowsFromRecords, windowMask, dayOf, dateOf, type CalendarWindow, type WindowsSpec, type DateRange } from './windows/calendar-windows.js';
export { analyseWindows, DEFAULT_WINDOW_DIMENSIONS, type WindowAnalysis, type WindowResult, type RateCell, type CategoryRate } from './windows/window-analysis.js';
export { compareRates, garwoodInterval, clopperPearson, binomialTest, holm, type Interval, type RateComparison } from './stats/exact-tests.js';
export { type RandomSource, CryptoRandom, SeededRandom } from './dp/random-source.js';
export { bernoulliExpNeg, discreteLaplace, discreteGaussian, isqrt } from './dp/samplers.js';
export { parseDecimal, rational, type Rational } from './dp/rational.js';
export { laplaceErrorBound, laplaceMeanAbs, laplaceThresholdMargin, DiscreteGaussianTable, cdpDelta, cdpRho } from './dp/calibrate.js';
export { planRelease, type DpRequest, type ReleasePlan, type NoisePlan } from './dp/release-plan.js';
export { computeRelease, type ReleasedCell, type ComputedRelease } from './dp/compute-release.js';
export { DpReleases, DEFAULT_BUDGET_CAP, budgetView, type DpRelease, type BudgetView, type NoiseView, type DpOptions } from './dp/dp-releases.js';
export { toJson } from './format/report-json.js';
export { formatReportCsv } from './format/report-csv.js';
export { formatReportTable } from './format/report-table.js';
export { formatReportHtml } from './format/report-html.js';
export { formatReleaseCsv } from './format/release-csv.js';
export { csvField, csvLine } from './format/csv.js';
