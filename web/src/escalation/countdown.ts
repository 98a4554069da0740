import type { Problem } from '../../../shared/problems.ts';

/** An andon light: yellow while there is time, red once little is left, late or escalated. */
export type CountdownLight = 'yellow' | 'red';

export interface Countdown {
  /** Said in words, never by colour alone: "2:13 left", "escalated · step 2", "4 min late". */
  text: string;
  light: CountdownLight;
}

// Red for the last third of the time given, as the light turns before the cord is missed.
const RED_FRACTION = 1 / 3;

function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The response countdown of a problem nobody has joined yet; null once someone has (or it is closed). */
export function countdownOf(problem: Pick<Problem, 'status' | 'raisedAt' | 'escalation'>, now: number): Countdown | null {
  if (problem.status !== 'raised') return null;
  const { escalation } = problem;
  const escalated = escalation.escalated ? `escalated · step ${escalation.step}` : '';
  const dueAt = Date.parse(escalation.nextAt ?? escalation.responseDueAt);
  if (escalation.escalated && escalation.nextAt === null) return { text: escalated, light: 'red' };
  const left = dueAt - now;
  if (left <= 0) {
    const late = `${Math.max(1, Math.floor(-left / 60_000))} min late`;
    return { text: escalated ? `${escalated} · ${late}` : late, light: 'red' };
  }
  const startedAt = Date.parse(escalation.escalatedAt ?? problem.raisedAt);
  const light = left <= (dueAt - startedAt) * RED_FRACTION ? 'red' : 'yellow';
  const text = `${clock(left)} left`;
  return { text: escalated ? `${escalated} · ${text}` : text, light };
}
