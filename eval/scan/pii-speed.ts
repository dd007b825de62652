// Micro-benchmark of the personal-data detectors: each detector alone over ~20 MB
// of generated English and Chinese text full of ordinary numbers (dates, times,
// prices, order numbers, versions), printing Mchar/s per detector as JSON lines.
// Run: node --import tsx eval/scan/pii-speed.ts [megachars]
import { PII_DETECTORS, TextScanner, runDetector, type Detector } from '../../src/scan/index.js';

/** Unanchored detectors run over every character, so they must keep up with this. */
const FLOOR_MCHARS = 300;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = 'the customer placed an order for delivery next week and the invoice was sent by the billing team after review of the contract terms Order Total Status Shipped Pending Refund API request returned error code while processing batch job'.split(' ');
const ZH = [...'我们的客户在上海和北京都有办公室今天的会议讨论了季度报表以及新的产品发布计划请在周五之前提交报告订单金额日期发票退款物流状态已发货待付款系统错误处理批次任务'];

/** Deterministic mixed text with no personal data, only numbers that look a bit like it. */
export function speedText(chars: number, seed = 42): string {
  const r = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const digits = (n: number): string => Array.from({ length: n }, () => int(0, 9)).join('');
  const pad = (n: number): string => String(n).padStart(2, '0');
  const parts: string[] = [];
  let len = 0;
  while (len < chars) {
    const k = r();
    let p: string;
    if (k < 0.4) p = `${EN[int(0, EN.length - 1)]!} `;
    else if (k < 0.75) p = ZH[int(0, ZH.length - 1)]! + ZH[int(0, ZH.length - 1)]!;
    else if (k < 0.8) p = ` ${int(1, 99999)}.${pad(int(0, 99))} `;
    else if (k < 0.83) p = ` 2024-${pad(int(1, 12))}-${pad(int(1, 28))} ${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))} `;
    else if (k < 0.85) p = ` 订单号${digits(int(12, 19))} `;
    else if (k < 0.86) p = ` v${int(1, 9)}.${int(0, 20)}.${int(0, 99)} `;
    else if (k < 0.87) p = ` ¥${int(1, 999)},${digits(3)}.${pad(int(0, 99))} `;
    else if (k < 0.88) p = ` ${int(1, 100)}% `;
    else if (k < 0.9) p = '\n';
    else if (k < 0.93) p = '，';
    else if (k < 0.95) p = `. `;
    else p = ` ${int(0, 9999)} `;
    parts.push(p);
    len += p.length;
  }
  return parts.join('');
}

function measure(run: () => number, chars: number): { mchars: number; matches: number } {
  let best = Infinity;
  let matches = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    matches = run();
    best = Math.min(best, performance.now() - t0);
  }
  return { mchars: Math.round(chars / best / 1000), matches };
}

function main(): void {
  const mchars = Number(process.argv[2] ?? '20');
  const text = speedText(mchars * 1e6);
  const byId = new Map<string, number>();
  let failed = 0;
  for (const d of PII_DETECTORS) {
    const n = (byId.get(d.id) ?? 0) + 1;
    byId.set(d.id, n);
    const unanchored = d.anchors.length === 0;
    // runDetector is the reference semantics over the whole text; TextScanner is the
    // engine, which runs anchored detectors only in windows around their anchors.
    const reference = measure(() => runDetector(d, text).length, text.length);
    const engine = measure(() => new TextScanner([d] as Detector[]).scan(text).length, text.length);
    const pass = !unanchored || reference.mchars >= FLOOR_MCHARS;
    if (!pass) failed++;
    console.log(JSON.stringify({
      bench: 'pii-speed', detector: `${d.id}#${n}`, anchors: unanchored ? 'none' : d.anchors.length,
      reference_mchar_s: reference.mchars, engine_mchar_s: engine.mchars, matches: reference.matches,
      goal: unanchored ? `≥ ${FLOOR_MCHARS} Mchar/s` : 'anchored', pass,
    }));
  }
  const all = measure(() => new TextScanner(PII_DETECTORS).scan(text).length, text.length);
  console.log(JSON.stringify({ bench: 'pii-speed', detector: 'all PII (engine)', chars: text.length, engine_mchar_s: all.mchars, matches: all.matches, failed }));
}

main();
