const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span for a figure: "45 s", "4 min", "2 h 5 min", "3 d 4 h"; an em dash when there is none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  const [big, unit, small, smallUnit] = ms < DAY ? [HOUR, 'h', MINUTE, 'min'] : [DAY, 'd', HOUR, 'h'];
  const whole = Math.floor(ms / big);
  const rest = Math.floor((ms % big) / small);
  return rest ? `${whole} ${unit} ${rest} ${smallUnit}` : `${whole} ${unit}`;
}

export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}
