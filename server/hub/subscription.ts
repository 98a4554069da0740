import type { ClientMessage, ServerMessage } from '../../shared/live.ts';

type SubscribeMessage = Extract<ClientMessage, { type: 'subscribe' }>;

/** What one connection follows: null means "any". Both given means both must hold. */
export interface Subscription {
  readonly areas: ReadonlySet<string> | null;
  readonly problem: number | null;
}

/** What every event carries for routing, whether it comes live or from the events table. */
export interface RoutedEvent {
  readonly seq: number;
  readonly areaSlug: string;
  /** The area a problem just left, so an area's followers see it go. */
  readonly previousAreaSlug: string | null;
  readonly problemNumber: number;
}

export const EVERYTHING: Subscription = { areas: null, problem: null };

export function subscriptionOf(message: SubscribeMessage): Subscription {
  if (message.areas === undefined && message.problem === undefined) return EVERYTHING;
  return { areas: message.areas === undefined ? null : new Set(message.areas), problem: message.problem ?? null };
}

export function follows(subscription: Subscription, event: RoutedEvent): boolean {
  const { areas } = subscription;
  const inArea = areas === null || areas.has(event.areaSlug) || (event.previousAreaSlug !== null && areas.has(event.previousAreaSlug));
  return inArea &&
    (subscription.problem === null || subscription.problem === event.problemNumber);
}

export function subscribedMessage(subscription: Subscription): Extract<ServerMessage, { type: 'subscribed' }> {
  return {
    type: 'subscribed',
    areas: subscription.areas === null ? null : [...subscription.areas],
    problem: subscription.problem,
  };
}
