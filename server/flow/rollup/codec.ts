import { FLOW_MEASURES } from '../../../shared/flow.ts';
import type { DayFigures } from '../store.ts';

// A rolled-up day as stored: its counts as JSON, its spans as the bytes of 64-bit floats (exact for
// any integer of milliseconds), every measure's one after another, in base64. A report decodes a few
// hundred days; as JSON numbers, parsing a 90-day period's 100,000 spans cost more than the report's
// every query.

type Stored = Omit<DayFigures, 'spans'> & { spans: string; spanCounts: number[] };

export function encodeDay(figures: DayFigures): string {
  const spans = FLOW_MEASURES.map((m) => figures.spans[m]);
  const all = new Float64Array(spans.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of spans) {
    all.set(s, at);
    at += s.length;
  }
  return JSON.stringify({ ...figures, spans: Buffer.from(all.buffer).toString('base64'), spanCounts: spans.map((s) => s.length) });
}

export function decodeDay(text: string): DayFigures {
  const { spans, spanCounts, ...counts } = JSON.parse(text) as Stored;
  const bytes = Buffer.from(spans, 'base64');
  // Copied out: the decoded bytes need not sit where a Float64Array can start.
  const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  let at = 0;
  const byMeasure = FLOW_MEASURES.map((m, i) => {
    const measure: [string, Float64Array] = [m, all.subarray(at, at + spanCounts[i])];
    at += spanCounts[i];
    return measure;
  });
  return { ...counts, spans: Object.fromEntries(byMeasure) as DayFigures['spans'] };
}
