import type { ProblemAlert } from '../../../shared/alerts.ts';

const LEVEL_WORDS = { help: 'Help', stop: 'STOP' } as const;

/** What an alert says first, in words (never by colour alone): the level, the area, why it is you. */
export function alertHeadline(alert: ProblemAlert): string {
  const what =
    alert.reason === 'escalated'
      ? `${LEVEL_WORDS[alert.level]} escalated to you${alert.step ? ` (step ${alert.step})` : ''}`
      : `${LEVEL_WORDS[alert.level]} pulled`;
  return `${what} in ${alert.areaName}: #${alert.problemNumber}`;
}
