// Named calendar windows (an enforcement campaign, a congress session, a holiday)
// as the store keeps them. Analytics validates and uses them; the store keeps
// the definitions as given. Methods are async so a networked backend fits.

export interface CalendarWindowRecord {
  /** Unique name, e.g. `two-sessions`. */
  readonly name: string;
  readonly label: string;
  /** Fixed date ranges, inclusive, as YYYY-MM-DD. */
  readonly ranges: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Ranges that recur every year, inclusive, as MM-DD (may wrap past 31 December). */
  readonly yearly: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface CalendarWindowStore {
  listWindows(): Promise<CalendarWindowRecord[]>;
  getWindow(name: string): Promise<CalendarWindowRecord | null>;
  /** Creates or replaces the window of that name. */
  saveWindow(window: CalendarWindowRecord): Promise<void>;
  deleteWindow(name: string): Promise<boolean>;
}
