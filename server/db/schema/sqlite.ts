// The same tables as ./postgres.ts, column for column: a test compares the two.
// Times are integer milliseconds since the epoch; the API answers ISO 8601.
// One file a capability, under ./sqlite/; drizzle-kit and the stores read them all from here.

export * from './sqlite/accounts.ts';
export * from './sqlite/problems.ts';
export * from './sqlite/events.ts';
export * from './sqlite/jobs.ts';
export * from './sqlite/swarm.ts';
export * from './sqlite/escalation.ts';
export * from './sqlite/webhooks.ts';
export * from './sqlite/integrations.ts';
export * from './sqlite/learnings.ts';
export * from './sqlite/people.ts';
export * from './sqlite/flow.ts';
