// Reads AWS requests for exposure: does a resource policy let anyone in, does an
// ACL grant AllUsers/AuthenticatedUsers, which accounts does a snapshot or image
// share add. Policy grammar: IAM JSON policy reference (Principal "*", Condition);
// ACL grantees: S3 "Access control list (ACL) overview", predefined groups.

/** Condition keys that pin a wildcard principal to known callers, so the statement is not public. */
const RESTRICTIVE_CONDITION_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:VpcSourceIp',
    'aws:userid',
    'aws:username',
    'aws:ResourceOrgID',
    'aws:ResourceAccount',
    'kms:CallerAccount',
    'kms:ViaService',
    's3:DataAccessPointAccount',
    'lambda:FunctionUrlAuthType',
    'sns:Endpoint',
    'elasticfilesystem:AccessPointArn',
  ].map((k) => k.toLowerCase()),
);

const PUBLIC_GROUP_URIS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];
const PUBLIC_CANNED_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function asObject(v: unknown): Record<string, unknown> | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{')) {
      try {
        const parsed = JSON.parse(t) as Json;
        return asObject(parsed);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function ciGet(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** Every policy document (an object with a Statement) found under `node`, JSON strings included. */
export function findPolicies(node: unknown, out: Record<string, unknown>[] = [], depth = 0): Record<string, unknown>[] {
  if (depth > 8 || node === null || node === undefined) return out;
  if (Array.isArray(node)) {
    for (const x of node) findPolicies(x, out, depth + 1);
    return out;
  }
  const obj = asObject(node);
  if (!obj) return out;
  if (ciGet(obj, 'Statement') !== undefined) {
    out.push(obj);
    return out;
  }
  for (const v of Object.values(obj)) if (v && (typeof v === 'object' || typeof v === 'string')) findPolicies(v, out, depth + 1);
  return out;
}

function isWildcardPrincipal(p: unknown): boolean {
  if (p === '*') return true;
  if (Array.isArray(p)) return p.some(isWildcardPrincipal);
  const obj = asObject(p);
  if (!obj) return false;
  return Object.values(obj).some((v) => v === '*' || (Array.isArray(v) && v.includes('*')));
}

function hasRestrictiveCondition(cond: unknown): boolean {
  const obj = asObject(cond);
  if (!obj) return false;
  for (const inner of Object.values(obj)) {
    const keys = asObject(inner);
    if (!keys) continue;
    for (const k of Object.keys(keys)) if (RESTRICTIVE_CONDITION_KEYS.has(k.toLowerCase())) return true;
  }
  return false;
}

/** True when some Allow statement of the policy has a wildcard principal and no restricting condition. */
export function policyIsPublic(policy: Record<string, unknown>): boolean {
  const st = ciGet(policy, 'Statement');
  const statements = Array.isArray(st) ? st : [st];
  for (const s of statements) {
    const obj = asObject(s);
    if (!obj) continue;
    const effect = ciGet(obj, 'Effect');
    if (typeof effect === 'string' && effect.toLowerCase() !== 'allow') continue;
    if (!isWildcardPrincipal(ciGet(obj, 'Principal'))) continue;
    if (hasRestrictiveCondition(ciGet(obj, 'Condition'))) continue;
    return true;
  }
  return false;
}

/** True when the request's parameters carry a policy that opens the resource to anyone. */
export function requestHasPublicPolicy(requestParameters: unknown): boolean {
  return findPolicies(requestParameters).some(policyIsPublic);
}

function collectStrings(node: unknown, out: string[], depth = 0): void {
  if (depth > 10 || node === null || node === undefined) return;
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const x of node) collectStrings(x, out, depth + 1);
  else if (typeof node === 'object') for (const v of Object.values(node)) collectStrings(v, out, depth + 1);
}

/** True when an S3 ACL request grants the AllUsers or AuthenticatedUsers group, or sets a public canned ACL. */
export function requestHasPublicAcl(requestParameters: unknown): boolean {
  const obj = asObject(requestParameters);
  if (!obj) return false;
  const canned = ciGet(obj, 'x-amz-acl');
  const cannedValues: string[] = [];
  collectStrings(canned, cannedValues);
  if (cannedValues.some((v) => PUBLIC_CANNED_ACLS.has(v.toLowerCase()))) return true;
  for (const header of ['x-amz-grant-read', 'x-amz-grant-write', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp', 'x-amz-grant-full-control']) {
    const vals: string[] = [];
    collectStrings(ciGet(obj, header), vals);
    if (vals.some((v) => PUBLIC_GROUP_URIS.some((u) => v.includes(u)))) return true;
  }
  const acp = ciGet(obj, 'AccessControlPolicy');
  if (acp !== undefined) {
    const strings: string[] = [];
    collectStrings(acp, strings);
    if (strings.some((s) => PUBLIC_GROUP_URIS.some((u) => s.includes(u)) || /\b(AllUsers|AuthenticatedUsers)\b/.test(s))) return true;
  }
  return false;
}

/**
 * Accounts a snapshot, image or DB snapshot share adds: account ids, or `all` for a
 * public share. ModifySnapshotAttribute / ModifyImageAttribute use
 * `{createVolumePermission|launchPermission}.add.items[{group|userId}]`;
 * ModifyDBSnapshotAttribute / ModifyDBClusterSnapshotAttribute use
 * `attributeName: restore` with `valuesToAdd`.
 */
export function sharedWith(requestParameters: unknown): string[] {
  const obj = asObject(requestParameters);
  if (!obj) return [];
  const out: string[] = [];
  for (const permKey of ['createVolumePermission', 'launchPermission']) {
    const perm = asObject(ciGet(obj, permKey));
    const add = perm ? asObject(ciGet(perm, 'add')) : undefined;
    const items = add ? ciGet(add, 'items') : undefined;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const it = asObject(item);
      if (!it) continue;
      const group = ciGet(it, 'group');
      const user = ciGet(it, 'userId');
      if (typeof group === 'string' && group.toLowerCase() === 'all') out.push('all');
      if (typeof user === 'string' && user !== '') out.push(user);
    }
  }
  const attrName = ciGet(obj, 'attributeName');
  if (typeof attrName === 'string' && attrName.toLowerCase() === 'restore') {
    const add = ciGet(obj, 'valuesToAdd');
    if (Array.isArray(add)) for (const v of add) if (typeof v === 'string' && v !== '') out.push(v.toLowerCase() === 'all' ? 'all' : v);
  }
  return out;
}
