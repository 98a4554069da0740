const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, short enough for a card: "just now", "4 min", "2 h 5 min", "3 d". */
export function formatAge(since: string | number, now: number): string {
  const then = typeof since === 'number' ? since : Date.parse(since);
  if (Number.isNaN(then)) return '';
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) {
    const hours = Math.floor(elapsed / HOUR);
    const minutes = Math.floor((elapsed % HOUR) / MINUTE);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return `${Math.floor(elapsed / DAY)} d`;
}

// One formatter for every call: toLocaleString with options builds a new one each time, and a board
// formats a time for each card.
let when: Intl.DateTimeFormat | undefined;

/** A full, unambiguous time for titles and the problem page. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  when ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return when.format(date);
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * The exact local time as "2026-12-01 19:30", for a card's tooltip. Written out by hand: a board
 * formats one per card as it first draws, and the first Intl formatter of a page is a long task.
 */
export function formatStamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
