// Generated learnings that read like real ones: sentences from an operations vocabulary, words drawn
// with a skew (a few words are in very many learnings, most in few), as in a real library. Seeded,
// so every run searches the same text.

const SUBJECTS = ['checkout', 'payment', 'login', 'search', 'label printer', 'conveyor', 'packing line', 'database', 'connection pool', 'cache',
  'message queue', 'load balancer', 'nightly backup', 'deploy pipeline', 'certificate', 'DNS resolver', 'scanner', 'forklift', 'pallet wrapper',
  'invoice export', 'shipping API', 'warehouse scanner', 'kubernetes node', 'disk', 'firewall', 'VPN gateway', 'mobile app', 'web frontend',
  'email relay', 'cron job', 'replica', 'index rebuild', 'feature flag', 'rate limiter', 'session store', 'CDN', 'thermal printer', 'barcode reader',
  'cold store', 'compressor', 'boiler', 'press', 'welding robot', 'paint booth', 'dock door', 'sorter', 'weigh scale', 'ticketing system'];
const FAILURES = ['timed out', 'ran out of memory', 'filled up', 'stopped responding', 'returned errors', 'jammed', 'overheated', 'lost power',
  'dropped connections', 'slowed down', 'crashed', 'restarted in a loop', 'rejected requests', 'expired', 'misread labels', 'leaked handles',
  'deadlocked', 'double charged customers', 'sent duplicates', 'fell behind'];
const CAUSES = ['the pool was too small for the number of workers', 'a retry storm after a short outage', 'a config change nobody reviewed',
  'an expired certificate', 'a disk that was never cleaned', 'a missing index on a large table', 'a firmware update that reset the settings',
  'damp label stock', 'a worn belt', 'a clock that drifted', 'a schema migration that locked the table', 'a cron job scheduled twice',
  'a dependency upgrade with a breaking change', 'a sensor covered in dust', 'a cable pinched by a door', 'a memory leak in the parser',
  'traffic from a marketing campaign', 'a full inbox of dead letters', 'a timeout set lower than the slowest query', 'a power dip from the grid'];
const FILLER = ['the', 'a', 'after', 'during', 'when', 'while', 'because', 'so', 'and', 'then', 'every', 'some', 'most', 'customers', 'operators',
  'night', 'shift', 'morning', 'weekend', 'peak', 'orders', 'minutes', 'hours', 'alert', 'dashboard', 'runbook', 'monitor', 'threshold', 'logs',
  'metrics', 'graph', 'ticket', 'on-call', 'engineer', 'supervisor', 'line', 'team', 'vendor', 'release', 'rollback', 'hotfix', 'patch', 'retry',
  'backlog', 'queue', 'latency', 'throughput', 'capacity', 'limit', 'budget', 'standard', 'check', 'step', 'checklist', 'sensor', 'belt', 'motor',
  'temperature', 'humidity', 'voltage', 'pressure', 'stock', 'batch', 'pallet', 'truck', 'store', 'region', 'cluster', 'service', 'endpoint'];
const ACTIONS = ['Raised the limit to', 'Added an alert at', 'Rolled back to version', 'Replaced the part after', 'Moved the job to',
  'Wrote a runbook step for', 'Added a check before', 'Split the batch into', 'Cleaned up and scheduled a weekly clean of', 'Pinned the version to'];
export const TAGS = ['database', 'checkout', 'network', 'printer', 'labels', 'conveyor', 'deploy', 'security', 'storage', 'payments', 'hardware',
  'capacity', 'monitoring', 'config', 'vendor', 'safety', 'quality', 'warehouse', 'mobile', 'email'];

export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Skewed towards the front of the list: the first items are common, the last ones rare. */
function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() ** 2 * list.length)];
}

function sentence(next: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(pick(next, FILLER));
  return parts.join(' ');
}

export interface GeneratedLearning {
  title: string;
  summary: string;
  cause: string;
  changes: string;
  detection: string;
  tags: string;
}

export function generateLearning(next: () => number, n: number): GeneratedLearning {
  const subject = pick(next, SUBJECTS);
  const failure = pick(next, FAILURES);
  const cause = pick(next, CAUSES);
  const tags = [...new Set([pick(next, TAGS), pick(next, TAGS)])].join(' ');
  return {
    title: `The ${subject} ${failure} (${n})`,
    summary: `The ${subject} ${failure} ${sentence(next, 6)}. ${sentence(next, 12)} ${pick(next, SUBJECTS)} ${sentence(next, 8)}.`,
    cause: `It happened because of ${cause}, ${sentence(next, 10)}.`,
    changes: `${pick(next, ACTIONS)} ${Math.floor(next() * 100)} ${sentence(next, 6)} on the ${subject}.`,
    detection: `Watch the ${pick(next, FILLER)} ${pick(next, FILLER)} of the ${pick(next, SUBJECTS)} ${sentence(next, 5)}.`,
    tags,
  };
}

/** What people search for and type: a subject, sometimes with a failure or a cause word. */
export function generateQuery(next: () => number): string {
  const subject = pick(next, SUBJECTS);
  const roll = next();
  if (roll < 0.4) return subject;
  if (roll < 0.8) return `${subject} ${pick(next, FAILURES).split(' ')[0]}`;
  return `${pick(next, CAUSES).split(' ').slice(1, 3).join(' ')} ${subject}`;
}
