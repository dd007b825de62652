// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte form of a JSON value,
// so that equal records hash equally. Strings and numbers are serialised as
// ECMAScript's JSON.stringify does (RFC 8785 §3.2.2), object members are sorted by
// the UTF-16 code units of their names (§3.2.3), no whitespace. Input must be
// I-JSON (RFC 7493): no lone surrogates, finite numbers only; anything else is a
// typed LEDGER_RECORD_INVALID error naming where it is.
import { LeakwatchError } from '../errors/index.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 64;
// String.prototype.isWellFormed (ES2024, in Node 20) is true when a string has no lone surrogate.
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

function invalid(path: readonly (string | number)[], why: string): never {
  const where = path.reduce<string>((w, p) => (typeof p === 'number' ? `${w}[${p}]` : `${w}.${p}`), '$');
  throw new LeakwatchError('LEDGER_RECORD_INVALID', `${where}: ${why}`, { field: where });
}

function str(s: string, path: (string | number)[]): string {
  if (!wellFormed(s)) invalid(path, 'a string holds a lone surrogate (not I-JSON)');
  return JSON.stringify(s);
}

/** The RFC 8785 canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  return serialise(value, []);
}

// `path` is the way down to `value`, kept as a stack so that naming an error costs nothing until one happens.
function serialise(value: unknown, path: (string | number)[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) invalid(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      return str(value, path);
    case 'object': {
      if (path.length >= MAX_DEPTH) invalid(path, `nests deeper than ${MAX_DEPTH}`);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          out += (i ? ',' : '') + serialise(value[i], path);
          path.pop();
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) invalid(path, 'only plain objects are JSON objects');
      const keys = Object.keys(value).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        path.push(k);
        out += `${first ? '' : ','}${str(k, path)}:${serialise(v, path)}`;
        path.pop();
        first = false;
      }
      return `${out}}`;
    }
    default:
      return invalid(path, `a ${typeof value} is not a JSON value`);
  }
}
