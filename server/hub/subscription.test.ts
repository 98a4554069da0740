import { describe, expect, it } from 'vitest';
import { EVERYTHING, follows, subscribedMessage, subscriptionOf } from './subscription.ts';

const event = (areaSlug: string, problemNumber: number, previousAreaSlug: string | null = null) =>
  ({ seq: 1, areaSlug, previousAreaSlug, problemNumber });

describe('subscriptions', () => {
  it('follows everything when nothing narrows it', () => {
    expect(subscriptionOf({ type: 'subscribe' })).toBe(EVERYTHING);
    expect(follows(EVERYTHING, event('any', 1))).toBe(true);
  });

  it('narrows to the areas given', () => {
    const sub = subscriptionOf({ type: 'subscribe', areas: ['line-1', 'line-2'] });
    expect(follows(sub, event('line-2', 3))).toBe(true);
    expect(follows(sub, event('general', 3))).toBe(false);
  });

  it('tells an area\'s followers when a problem moves out of it', () => {
    const sub = subscriptionOf({ type: 'subscribe', areas: ['line-1'] });
    expect(follows(sub, event('line-2', 3, 'line-1'))).toBe(true);
    expect(follows(sub, event('line-2', 3, 'general'))).toBe(false);
  });

  it('follows nothing with an empty area list', () => {
    expect(follows(subscriptionOf({ type: 'subscribe', areas: [] }), event('general', 1))).toBe(false);
  });

  it('narrows to one problem, wherever it moves', () => {
    const sub = subscriptionOf({ type: 'subscribe', problem: 4 });
    expect(follows(sub, event('line-1', 4))).toBe(true);
    expect(follows(sub, event('line-9', 4))).toBe(true);
    expect(follows(sub, event('line-1', 5))).toBe(false);
  });

  it('needs both when given areas and a problem', () => {
    const sub = subscriptionOf({ type: 'subscribe', areas: ['line-1'], problem: 4 });
    expect(follows(sub, event('line-1', 4))).toBe(true);
    expect(follows(sub, event('line-2', 4))).toBe(false);
    expect(follows(sub, event('line-1', 5))).toBe(false);
  });

  it('answers what it follows', () => {
    expect(subscribedMessage(subscriptionOf({ type: 'subscribe', areas: ['a', 'a', 'b'] }))).toEqual({ type: 'subscribed', areas: ['a', 'b'], problem: null });
    expect(subscribedMessage(EVERYTHING)).toEqual({ type: 'subscribed', areas: null, problem: null });
  });
});
