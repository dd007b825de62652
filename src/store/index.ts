// The store: one small interface per kind of record, one implementation per
// backend (SQLite embedded; PostgreSQL past one machine).
export type { AccountStore, UserRecord, SessionRecord, TokenRecord, UserPatch } from './account-store.js';
export { SqliteAccountStore, ACCOUNT_SCHEMA } from './sqlite/sqlite-account-store.js';
export type {
  Store,
  EventRecord,
  NewEvent,
  InsertResult,
  EventQuery,
  EventPage,
  EventWindow,
  AttributeValue,
  DeadLetter,
  DeadLetterInput,
  DeadLetterQuery,
  SourceStats,
} from './store.js';
export {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertRecord,
  type AlertFilter,
  type AlertPatch,
  type AlertKind,
  type AlertSeverity,
  type AlertStatus,
} from './alert-record.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { hourOfWeek } from './sqlite/event-insert.js';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './sqlite/migrations.js';
export { openStore, DATABASE_FILE } from './open-store.js';
// Incidents, privacy budgets and calendar windows (incidents + analytics).
export * from './incident-facts.js';
export type {
  IncidentRecord,
  IncidentStore,
  IncidentFilter,
  IncidentPage,
  IncidentListOptions,
  ImportBatch,
  NewTimelineEntry,
  TimelineRecord,
  CommentRecord,
  EvidenceRecord,
} from './incident-store.js';
export { SqliteIncidentStore, INCIDENT_SCHEMA, FACT_VOCABULARIES } from './sqlite/sqlite-incident-store.js';
export type { DpStore, PrivacyBudgetRecord, DpReleaseRecord, DpReleaseStatus, ReserveRequest, ReserveResult, EpsilonMicros, DeltaFemtos } from './dp-store.js';
export { SqliteDpStore, DP_SCHEMA } from './sqlite/sqlite-dp-store.js';
export type { CalendarWindowRecord, CalendarWindowStore } from './calendar-window-store.js';
export { SqliteCalendarWindowStore, CALENDAR_WINDOW_SCHEMA } from './sqlite/sqlite-calendar-window-store.js';
