// Incidents as VERIS JSON. The coding goes out as it is kept, in its own VERIS
// version: imported documents in theirs (the VCDB's 1.3.4), Leakwatch's own
// codings in 1.4.1. Parts VERIS requires are filled with VERIS's "unknown" forms,
// and Leakwatch's fields travel in `plus.leakwatch`, the place VERIS reserves for
// extensions. Validity against both schemas is checked by the tests (the schemas
// are CC BY-SA data we do not ship).
import type { Incident } from '../model.js';
import { UNKNOWN, VERIS_SCHEMA_VERSION, governmentOf, type VerisIncident } from '../veris.js';

export type VerisExport = { readonly ok: true; readonly doc: VerisIncident } | { readonly ok: false; readonly reason: string };

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** One incident as a VERIS document, or why it cannot be one. */
export function toVeris(incident: Incident): VerisExport {
  const v = structuredClone(incident.veris) as VerisIncident;
  const year = v.timeline?.incident?.year;
  if (typeof year !== 'number') return { ok: false, reason: 'VERIS requires timeline.incident.year and the incident has none' };
  v.schema_version ??= VERIS_SCHEMA_VERSION;
  v.incident_id ??= incident.id;
  v.security_incident ??= 'Confirmed';
  if (incident.summary && v.summary === undefined) v.summary = incident.summary;
  if (!v.action || !Object.keys(v.action).length) v.action = { unknown: {} };
  if (!v.actor || !Object.keys(v.actor).length) v.actor = { unknown: {} };
  v.asset ??= { assets: [{ variety: UNKNOWN }], cloud: [UNKNOWN] };
  v.asset.assets ??= [{ variety: UNKNOWN }];
  v.asset.cloud ??= [UNKNOWN];
  if (!v.discovery_method || !Object.keys(v.discovery_method).length) v.discovery_method = { unknown: true };
  if (v.schema_version.startsWith('1.4')) {
    // VERIS 1.4 requires a summary, and a victim's level of government.
    v.summary ??= incident.summary;
    if (v.victim) v.victim.government ??= governmentOf(v.victim.industry);
  }
  const leak = incident.leak;
  v.plus = {
    ...(v.plus ?? {}),
    master_id: typeof v.plus?.master_id === 'string' && v.plus.master_id ? v.plus.master_id : incident.id,
    leakwatch: {
      id: incident.id,
      dataset: incident.dataset,
      source: incident.source,
      status: incident.status,
      owner: incident.owner,
      channel: leak.channel,
      cause: leak.cause,
      official_channel: leak.officialChannel,
      data_classes: [...leak.dataClasses],
      records_affected: leak.recordsAffected,
      cn_region: leak.cnRegion,
      derived: [...incident.derived],
      alert_ids: [...incident.alertIds],
      discovered_at: iso(incident.discoveredAt),
      notifications: Object.fromEntries(Object.entries(incident.notifications).map(([k, t]) => [k, iso(t)])),
    },
  };
  return { ok: true, doc: v };
}
