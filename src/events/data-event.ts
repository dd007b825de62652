// The one event model every parser produces and detection consumes (DESIGN: "the
// spine"). Event time and ingest time are kept apart; `id` is stable across
// re-ingestion (the vendor's id, else a hash of the raw record).

/** How data moved, or what kind of act it was. */
export type Channel =
  | 'download'
  | 'upload'
  | 'read'
  | 'write'
  | 'delete'
  | 'share_link'
  | 'share_external'
  | 'share_internal'
  | 'permission_change'
  | 'mail_forward'
  | 'mail_send'
  | 'app_grant'
  | 'removable_media'
  | 'print'
  | 'login'
  | 'admin'
  | 'logging_change'
  | 'network'
  | 'other';

/** The vendor formats the parsers read. */
export type SourceFormat =
  | 'cloudtrail'
  | 's3access'
  | 'm365'
  | 'gworkspace'
  | 'okta'
  | 'entra'
  | 'auditd'
  | 'windows'
  | 'jsonl';

export type Outcome = 'success' | 'failure' | 'unknown';

export interface Actor {
  /** The human or principal: e-mail, UPN, IAM ARN, uid name. Lower-cased where the vendor is case-insensitive. */
  readonly user?: string;
  /** A service account, role session or application acting on its own. */
  readonly service?: string;
  readonly ip?: string;
  readonly userAgent?: string;
  /** Department or other peer group, when the record or a directory says so. */
  readonly group?: string;
}

export interface DataObject {
  /** File path, object key, or document title. */
  readonly path?: string;
  /** Bucket, site, drive, mailbox, volume. */
  readonly container?: string;
  /** The vendor's id of the object (Drive file id, SharePoint item id). */
  readonly id?: string;
  /** What kind of object: file, bucket, mailbox, policy, app, device, account... */
  readonly kind?: string;
}

export interface Destination {
  /** Domain the data went to (gmail.com, an external tenant). */
  readonly domain?: string;
  /** Account or address on the other side; "anyone" for public links. */
  readonly account?: string;
  /** Device (USB serial, printer) or host. */
  readonly device?: string;
  readonly ip?: string;
  /** Whether the destination is outside the organisation, when the record tells. */
  readonly external?: boolean;
}

export interface DataEvent {
  /** Stable id: `<source>:<vendor id>` or `<source>:sha256:<hash of the raw record>`. */
  readonly id: string;
  /** When it happened, epoch milliseconds (UTC). */
  readonly time: number;
  /** When Leakwatch read it, epoch milliseconds. */
  readonly ingestTime: number;
  /** Vendor format. */
  readonly source: SourceFormat;
  /** The vendor's own action name: GetObject, FileDownloaded, download, 4663... */
  readonly action: string;
  readonly channel: Channel;
  readonly actor: Actor;
  readonly object?: DataObject;
  readonly destination?: Destination;
  readonly bytes?: number;
  readonly records?: number;
  readonly outcome: Outcome;
  /**
   * The account, tenant, organisation or host the record came from (AWS account,
   * M365 organisation, Workspace customer, Okta org, computer). With `source` it
   * names the stream whose silence `silentSources` watches.
   */
  readonly tenant?: string;
  /** Free-form extra facts a rule may need (ACL grantee, OAuth scopes, country). Flat, JSON-safe values. */
  readonly attributes?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** The record as the vendor wrote it, kept for evidence. */
  readonly raw: unknown;
}
