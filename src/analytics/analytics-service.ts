// Reports over the store: reads the fact columns of the incidents a filter
// selects and builds the report. What routes and the CLI call.
import type { CalendarWindowStore, IncidentFilter, IncidentStore } from '../store/index.js';
import { buildReport, type IncidentReport, type ReportOptions } from './incident-report.js';
import { windowsFromRecords, type WindowsSpec } from './windows/calendar-windows.js';

export class IncidentAnalytics {
  constructor(
    private readonly incidents: IncidentStore,
    private readonly windowStore?: CalendarWindowStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The report for the incidents matching `filter`. Windows: a given spec, or
   * 'stored' for the windows saved in the store (none saved: no window analysis).
   */
  async report(filter: IncidentFilter = {}, options: Omit<ReportOptions, 'windows'> & { windows?: WindowsSpec | 'stored' | null } = {}): Promise<IncidentReport> {
    let windows: WindowsSpec | null = null;
    if (options.windows === 'stored') {
      const saved = this.windowStore ? await this.windowStore.listWindows() : [];
      windows = saved.length ? { windows: windowsFromRecords(saved) } : null;
    } else if (options.windows) {
      windows = options.windows;
    }
    const facts = await this.incidents.factColumns(filter);
    return buildReport(facts, { ...options, windows, filter, now: this.now() });
  }
}
