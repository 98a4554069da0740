import type { EntryKind, TimelineKind } from '../../../shared/timeline.ts';

/** Each kind's name and mark: a shape and a word, so no kind is told apart by colour alone. */
export const KIND_LOOK: Record<TimelineKind, { label: string; mark: string }> = {
  observation: { label: 'Observation', mark: '◉' },
  hypothesis: { label: 'Hypothesis', mark: '?' },
  experiment: { label: 'Experiment', mark: '⚗' },
  result: { label: 'Result', mark: '■' },
  action: { label: 'Action', mark: '▶' },
  note: { label: 'Note', mark: '✎' },
  joined: { label: 'Joined', mark: '+' },
  left: { label: 'Left', mark: '−' },
  lead: { label: 'Lead', mark: '★' },
  escalated: { label: 'Escalated', mark: '▲' },
  alerted: { label: 'Alerted', mark: '!' },
  'alert-sent': { label: 'Alert sent', mark: '✉' },
  status: { label: 'Status', mark: '→' },
};

export const KIND_HINT: Record<EntryKind, string> = {
  observation: 'What you saw',
  hypothesis: 'What you think causes it',
  experiment: 'What you are trying, to test a hypothesis',
  result: 'What a try showed',
  action: 'What you changed',
  note: 'Anything else',
};
