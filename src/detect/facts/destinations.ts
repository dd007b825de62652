// Where did the data go: every address and domain an event sends, shares or
// forwards to, from the normalised destination first and the vendor record as a
// fallback, and which of them lie outside the organisation.
import type { DataEvent } from '../events.js';
import { eventParams, walk } from '../rules/field-path.js';
import type { FieldValue } from '../rules/rule-types.js';

/** Raw paths (case-insensitive, name/value pairs addressable by name) that hold a recipient: Microsoft 365. */
const RAW_DESTINATION_PATHS: readonly (readonly string[])[] = [
  ['Parameters', 'ForwardingSmtpAddress'],
  ['Parameters', 'ForwardingAddress'],
  ['Parameters', 'ForwardTo'],
  ['Parameters', 'RedirectTo'],
  ['Parameters', 'ForwardAsAttachmentTo'],
  ['TargetUserOrGroupName'],
];

/** Parameters of this very event that hold a recipient or its domain: Google Workspace. */
const PARAM_DESTINATIONS = ['target_user', 'email_forwarding_destination_address', 'new_owner'];
const PARAM_DOMAINS = ['target_domain'];

/** Splits "smtp:a@x.com;b@y.com" style values into clean, lower-cased addresses. */
export function splitAddresses(value: string): string[] {
  return value
    .split(/[;,\s]+/)
    .map((s) => s.trim().replace(/^(smtp|sip):/i, '').replace(/^<|>$/g, '').toLowerCase())
    .filter((s) => s.length > 0);
}

export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return undefined;
  return address.slice(at + 1).replace(/^\.+|\.+$/g, '').toLowerCase() || undefined;
}

/** Every recipient address of the event. */
export function destinationAddresses(event: DataEvent): string[] {
  const out = new Set<string>();
  const add = (v: FieldValue) => {
    if (typeof v === 'string') for (const a of splitAddresses(v)) out.add(a);
  };
  if (event.destination?.account) add(event.destination.account);
  const fwd = event.attributes?.['forward_to'];
  if (Array.isArray(fwd)) for (const v of fwd) add(v);
  else if (typeof fwd === 'string') add(fwd);
  const raw: FieldValue[] = [];
  for (const p of RAW_DESTINATION_PATHS) walk(event.raw, p, 0, raw);
  for (const name of PARAM_DESTINATIONS) raw.push(...eventParams(event, name));
  for (const v of raw) add(v);
  return [...out];
}

/** Every recipient domain: the domains of the addresses plus any domain the record names. */
export function destinationDomains(event: DataEvent, addresses: readonly string[]): string[] {
  const out = new Set<string>();
  if (event.destination?.domain) out.add(event.destination.domain.toLowerCase());
  for (const a of addresses) {
    const d = domainOf(a);
    if (d) out.add(d);
  }
  const raw: FieldValue[] = [];
  for (const name of PARAM_DOMAINS) raw.push(...eventParams(event, name));
  for (const v of raw) if (typeof v === 'string' && v.includes('.')) out.add(v.toLowerCase());
  return [...out];
}

/** True when `domain` is `base` or one of its sub-domains. */
export function isSameOrSubdomain(domain: string, base: string): boolean {
  return domain === base || domain.endsWith('.' + base);
}

/**
 * Domains outside the organisation: not one of `orgDomains` (or their
 * sub-domains). When no org domains are configured, the actor's own domain (and
 * its sub-domains and parents) stands in for them.
 */
export function externalDomains(domains: readonly string[], orgDomains: readonly string[], actorDomain: string | undefined): string[] {
  return domains.filter((d) => {
    if (orgDomains.length > 0) return !orgDomains.some((o) => isSameOrSubdomain(d, o.toLowerCase()));
    return !(actorDomain && (isSameOrSubdomain(d, actorDomain) || isSameOrSubdomain(actorDomain, d)));
  });
}
