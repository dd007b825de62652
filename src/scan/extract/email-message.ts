// E-mail messages (RFC 5322 / MIME) through mailparser: the addressing headers and
// the body become one text, the attachments become members to extract in turn.
import type * as MailparserModule from 'mailparser';
import type { AddressObject, ParsedMail } from 'mailparser';
import { LeakwatchError } from '../../errors/index.js';
import { TextBuilder } from './text-builder.js';

type Mailparser = typeof MailparserModule;

let mailparser: Promise<Mailparser> | undefined;
/** Loaded on first use, like pdf.js. */
function loadMailparser(): Promise<Mailparser> {
  mailparser ??= import('mailparser');
  return mailparser;
}

export interface EmailAttachment {
  readonly name: string;
  readonly content: Uint8Array;
}

export interface ParsedEmail {
  /** Headers (From, To, Cc, Bcc, Reply-To, Subject), a blank line, then the body; HTML-only bodies converted to text. */
  readonly text: string;
  readonly truncated: boolean;
  readonly attachments: readonly EmailAttachment[];
  /** Whether the message had a header block at all (a `.eml` without one is not a message). */
  readonly hasHeaders: boolean;
}

/** Parses a message. Throws LeakwatchError SCAN_DOCUMENT_CORRUPT when the parser fails, SCAN_TIMEOUT past `timeoutMs`. */
export async function parseEmail(bytes: Uint8Array, maxChars: number, timeoutMs: number, path: string): Promise<ParsedEmail> {
  const { simpleParser } = await loadMailparser();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LeakwatchError('SCAN_TIMEOUT', `Parsing the e-mail took longer than documentTimeoutMs (${timeoutMs} ms); it was abandoned.`, { path })), timeoutMs);
  });
  let mail: ParsedMail;
  try {
    mail = await Promise.race([
      simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true }),
      timeout,
    ]);
  } catch (err) {
    if (err instanceof LeakwatchError) throw err;
    throw new LeakwatchError('SCAN_DOCUMENT_CORRUPT', 'The e-mail is malformed; it could not be parsed.', { path });
  } finally {
    clearTimeout(timer);
  }
  return {
    ...messageText(mail, maxChars),
    attachments: mail.attachments.map((a, i) => ({ name: attachmentName(a.filename, a.contentType, i), content: a.content })),
    hasHeaders: mail.headerLines.some((h) => h.key !== ''),
  };
}

function messageText(mail: ParsedMail, maxChars: number): { text: string; truncated: boolean } {
  const out = new TextBuilder(maxChars);
  const header = (name: string, value: string | undefined): void => {
    if (value) out.push(`${name}: ${value}\n`);
  };
  header('From', addresses(mail.from));
  header('To', addresses(mail.to));
  header('Cc', addresses(mail.cc));
  header('Bcc', addresses(mail.bcc));
  header('Reply-To', addresses(mail.replyTo));
  header('Subject', mail.subject);
  out.push('\n');
  out.push(mail.text ?? '');
  out.endLine();
  return { text: out.toString(), truncated: out.truncated };
}

function addresses(a: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!a) return undefined;
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}

function attachmentName(filename: string | undefined, contentType: string, index: number): string {
  if (filename) return filename;
  return `attachment-${index + 1}${contentType === 'message/rfc822' ? '.eml' : ''}`;
}
