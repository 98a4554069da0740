// The same tables as ./sqlite.ts, column for column: a test compares the two.
// Times are integer milliseconds since the epoch; the API answers ISO 8601.
// One file a capability, under ./postgres/; drizzle-kit and the stores read them all from here.

export * from './postgres/accounts.ts';
export * from './postgres/problems.ts';
export * from './postgres/events.ts';
export * from './postgres/jobs.ts';
export * from './postgres/swarm.ts';
export * from './postgres/escalation.ts';
export * from './postgres/webhooks.ts';
export * from './postgres/integrations.ts';
export * from './postgres/learnings.ts';
export * from './postgres/people.ts';
export * from './postgres/flow.ts';
