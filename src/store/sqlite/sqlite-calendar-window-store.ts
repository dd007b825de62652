// CalendarWindowStore on SQLite: one row per window, its ranges as JSON.
import type BetterSqlite3 from 'better-sqlite3';
import type { CalendarWindowRecord, CalendarWindowStore } from '../calendar-window-store.js';

export const CALENDAR_WINDOW_SCHEMA = `
CREATE TABLE IF NOT EXISTS calendar_windows (
  name TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  ranges TEXT NOT NULL,
  yearly TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

interface WindowRow {
  name: string;
  label: string;
  ranges: string;
  yearly: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

const toWindow = (r: WindowRow): CalendarWindowRecord => ({
  name: r.name,
  label: r.label,
  ranges: JSON.parse(r.ranges) as CalendarWindowRecord['ranges'],
  yearly: JSON.parse(r.yearly) as CalendarWindowRecord['yearly'],
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SqliteCalendarWindowStore implements CalendarWindowStore {
  private readonly s;

  constructor(db: BetterSqlite3.Database) {
    db.exec(CALENDAR_WINDOW_SCHEMA);
    this.s = {
      list: db.prepare<[], WindowRow>('SELECT * FROM calendar_windows ORDER BY name'),
      get: db.prepare<[string], WindowRow>('SELECT * FROM calendar_windows WHERE name = ?'),
      save: db.prepare(
        `INSERT INTO calendar_windows (name, label, ranges, yearly, created_by, created_at, updated_at) VALUES (@name, @label, @ranges, @yearly, @created_by, @created_at, @updated_at)
         ON CONFLICT(name) DO UPDATE SET label = excluded.label, ranges = excluded.ranges, yearly = excluded.yearly, updated_at = excluded.updated_at`,
      ),
      delete: db.prepare('DELETE FROM calendar_windows WHERE name = ?'),
    };
  }

  async listWindows(): Promise<CalendarWindowRecord[]> {
    return this.s.list.all().map(toWindow);
  }

  async getWindow(name: string): Promise<CalendarWindowRecord | null> {
    const r = this.s.get.get(name);
    return r ? toWindow(r) : null;
  }

  async saveWindow(w: CalendarWindowRecord): Promise<void> {
    this.s.save.run({
      name: w.name,
      label: w.label,
      ranges: JSON.stringify(w.ranges),
      yearly: JSON.stringify(w.yearly),
      created_by: w.createdBy,
      created_at: w.createdAt,
      updated_at: w.updatedAt,
    });
  }

  async deleteWindow(name: string): Promise<boolean> {
    return this.s.delete.run(name).changes > 0;
  }
}
