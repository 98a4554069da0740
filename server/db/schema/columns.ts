// Value lists that both dialects' schemas declare as enums.
export { STATUSES } from '../../../shared/problems.ts';
export const ROLES = ['admin', 'member'] as const;
export const LEVELS = ['help', 'stop'] as const;
export const KINDS_OF_PRINCIPAL = ['user', 'token'] as const;
