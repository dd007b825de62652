// The text layer of a PDF, through pdfjs-dist in Node: no worker thread, no eval, no
// font faces or font data, no network. The predefined CMaps are read from the
// installed package, so CJK text in CID fonts (UniGB-UCS2-H and the like) decodes.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { LeakwatchError } from '../../errors/index.js';
import { TextBuilder } from './text-builder.js';

type Pdfjs = typeof PdfjsModule;

let pdfjs: Promise<Pdfjs> | undefined;
/** Loaded on first use: pdf.js is large and most scans meet no PDF. */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * The text of a PDF: a line per text line, pages separated by a form feed line.
 * Throws LeakwatchError: SCAN_DOCUMENT_ENCRYPTED (needs a password),
 * SCAN_DOCUMENT_CORRUPT, SCAN_TIMEOUT past `timeoutMs`.
 */
export async function pdfText(bytes: Uint8Array, maxChars: number, timeoutMs: number, path: string): Promise<{ text: string; truncated: boolean }> {
  const lib = await loadPdfjs();
  const task = lib.getDocument({
    // A copy into a plain Uint8Array: pdf.js refuses Buffers and may transfer (detach) what it is given.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    verbosity: 0,
    // Character maps only (no font data): text needs them, rendering is not done.
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(path, timeoutMs)), timeoutMs);
  });
  const deadline = Date.now() + timeoutMs;
  const checkTime = (): void => {
    if (Date.now() > deadline) throw timedOut(path, timeoutMs);
  };
  try {
    return await Promise.race([readText(task, maxChars, checkTime), timeout]);
  } catch (err) {
    if (err instanceof LeakwatchError) throw err;
    if (err instanceof Error && err.name === 'PasswordException') {
      throw new LeakwatchError('SCAN_DOCUMENT_ENCRYPTED', 'The PDF is password-protected; its text could not be extracted.', { path });
    }
    throw new LeakwatchError('SCAN_DOCUMENT_CORRUPT', 'The PDF is corrupt; its text could not be extracted.', { path });
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/**
 * Without a worker, pdf.js runs on promise callbacks alone and would starve the
 * timeout timer; yielding to the event loop and checking the clock between pages
 * keeps the time limit real. (Loading the document, or one page, is not interrupted.)
 */
async function readText(task: ReturnType<Pdfjs['getDocument']>, maxChars: number, checkTime: () => void): Promise<{ text: string; truncated: boolean }> {
  const doc = await task.promise;
  const out = new TextBuilder(maxChars);
  for (let n = 1; n <= doc.numPages && !out.truncated; n++) {
    await new Promise((resolve) => setImmediate(resolve));
    checkTime();
    if (n > 1) out.push('\f\n');
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pageText(content.items, out);
    page.cleanup();
  }
  return { text: out.toString(), truncated: out.truncated };
}

function timedOut(path: string, timeoutMs: number): LeakwatchError {
  return new LeakwatchError('SCAN_TIMEOUT', `Extracting the PDF's text took longer than documentTimeoutMs (${timeoutMs} ms); it was abandoned.`, { path });
}

interface Item { str: string; transform: unknown[]; height: number; hasEOL: boolean }

/** Lines from text items: pdf.js marks line ends (`hasEOL`); a change of baseline also ends a line. */
export function pageText(items: readonly object[], out: TextBuilder): void {
  let lastY: number | undefined;
  let open = false;
  for (const raw of items) {
    if (!('str' in raw)) continue; // marked-content markers
    const item = raw as Item;
    const y = typeof item.transform[5] === 'number' ? item.transform[5] : undefined;
    if (open && y !== undefined && lastY !== undefined && Math.abs(y - lastY) > Math.max(1, item.height / 2)) {
      out.push('\n');
      open = false;
    }
    if (item.str !== '') { out.push(item.str); open = true; }
    if (y !== undefined) lastY = y;
    if (item.hasEOL && open) { out.push('\n'); open = false; }
  }
  if (open) out.push('\n');
}
