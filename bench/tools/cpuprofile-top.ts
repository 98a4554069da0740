// Summarizes a V8 .cpuprofile (from BENCH_CPU_PROF=1): top functions by self time, and self time by file.
// Usage: node --import tsx bench/tools/cpuprofile-top.ts <file.cpuprofile> [topN]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv.at(2);
const topArg = process.argv.at(3);
if (!file) {
  console.error('usage: cpuprofile-top.ts <file.cpuprofile> [topN]');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const totalUs = profile.endTime - profile.startTime;

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, 'nm:').replace(/^.*\/(server|shared|bench)\//, '$1/');
const fnKey = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const fileKey = (n: ProfileNode) => {
  const url = shortUrl(n.callFrame.url);
  if (!url) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
  return url.startsWith('nm:') ? url.split('/').slice(0, url.startsWith('nm:@') ? 2 : 1).join('/') : url;
};

function tally(key: (n: ProfileNode) => string): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const k = key(byId.get(id)!);
    sums.set(k, (sums.get(k) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

/** Inclusive time per function (a function counted once per sample even when it recurses). */
function inclusive(): Array<[string, number]> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = fnKey(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      sums.set(k, (sums.get(k) ?? 0) + us);
    }
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s profiled`);
console.log('\nself time by function:');
for (const [k, us] of tally(fnKey).slice(0, top)) console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
console.log('\nself time by file / package:');
for (const [k, us] of tally(fileKey).slice(0, top)) console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
console.log('\ninclusive time by function (server/ and bench/ code, and the heaviest others):');
for (const [k, us] of inclusive().filter(([k]) => !k.startsWith('(root)')).slice(0, top * 2)) console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
