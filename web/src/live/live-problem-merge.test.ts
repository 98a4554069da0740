import { describe, expect, it } from 'vitest';
import type { ProblemEvent } from '../../../shared/live.ts';
import type { Problem } from '../../../shared/problems.ts';
import { aProblem } from '../problems/problem-fixture.ts';
import type { LiveSubscription } from './live-connection.ts';
import { LiveProblemMerge } from './live-problem-merge.ts';

const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const problem = (number: number, status: Problem['status'], minute = 0, area = 'general'): Problem =>
  aProblem(number, { status, area, updatedAt: at(minute) });
const event = (seq: number, data: Problem): ProblemEvent => ({ type: 'event', seq, name: 'problem.updated', at: data.updatedAt, data });

const statusOf = (merge: LiveProblemMerge, number: number) => merge.state.byNumber.get(number)?.status;

/** A page that has loaded its snapshot after the first welcome, as every page does on arrival. */
function loadedPage(snapshot: Problem[], subscription?: LiveSubscription): LiveProblemMerge {
  const merge = new LiveProblemMerge(() => subscription);
  expect(merge.welcome({ resumed: false })).toBe(true);
  merge.loaded(merge.startLoad({ afterWelcome: true }), snapshot);
  return merge;
}

describe('LiveProblemMerge', () => {
  describe('welcome', () => {
    it('loads on the first welcome, and not again when the connection resumes', () => {
      const merge = loadedPage([problem(1, 'raised')]);
      expect(merge.welcome({ resumed: true })).toBe(false);
      expect(statusOf(merge, 1)).toBe('raised');
    });

    it('loads again on the first welcome when the page loaded before it, since that snapshot may have missed an event', () => {
      const merge = new LiveProblemMerge();
      merge.loaded(merge.startLoad({ afterWelcome: false }), [problem(1, 'raised')]);
      expect(merge.welcome({ resumed: false })).toBe(true);
    });

    it('loads again on a resumed welcome when the last snapshot failed', () => {
      const merge = new LiveProblemMerge();
      merge.welcome({ resumed: false });
      merge.failed(merge.startLoad({ afterWelcome: true }));
      expect(merge.welcome({ resumed: true })).toBe(true);
    });
  });

  describe('resume', () => {
    it('applies what the server replays after a reconnect, once, and skips what was already seen', () => {
      const merge = loadedPage([problem(1, 'raised')]);
      merge.event(event(4, problem(1, 'swarming', 1)));
      expect(merge.welcome({ resumed: true })).toBe(false);
      expect(merge.event(event(4, problem(1, 'swarming', 1))).changed).toBe(false);
      expect(merge.event(event(5, problem(1, 'contained', 2))).changed).toBe(true);
      expect(statusOf(merge, 1)).toBe('contained');
    });
  });

  describe('reset', () => {
    it('follows the server to its new seq, even backwards, and takes the new snapshot', () => {
      const merge = loadedPage([problem(1, 'raised'), problem(2, 'raised')]);
      merge.event(event(50, problem(1, 'swarming', 1)));
      merge.reset(3);
      const ticket = merge.startLoad({ afterWelcome: true });
      expect(merge.event(event(4, problem(3, 'raised', 2))).added).toBe(true);
      merge.loaded(ticket, [problem(1, 'contained', 3)]);
      expect(statusOf(merge, 1)).toBe('contained');
      expect(merge.state.byNumber.has(2)).toBe(false);
      // The event that came while the snapshot loaded is kept on top of it.
      expect(statusOf(merge, 3)).toBe('raised');
    });
  });

  describe('events while a snapshot loads', () => {
    it('keeps a newer event over the snapshot, and drops the answer of a load that was replaced', () => {
      const merge = new LiveProblemMerge();
      const first = merge.startLoad({ afterWelcome: false });
      const second = merge.startLoad({ afterWelcome: true });
      merge.event(event(7, problem(1, 'swarming', 5)));
      expect(merge.loaded(first, [problem(1, 'dismissed', 9)])).toBe(false);
      expect(merge.loaded(second, [problem(1, 'raised', 0)])).toBe(true);
      expect(statusOf(merge, 1)).toBe('swarming');
    });
  });

  describe('an event for a problem outside what the page follows', () => {
    it('is not added: a problem page does not collect the other problems replayed before its subscription takes hold', () => {
      const merge = loadedPage([problem(7, 'raised')], { problem: 7 });
      const applied = merge.event(event(3, problem(8, 'raised')));
      expect(applied.changed).toBe(false);
      expect([...merge.state.byNumber.keys()]).toEqual([7]);
      expect(merge.state.seq).toBe(3);
    });

    it('takes a problem off the page when it moves out of the followed areas', () => {
      const merge = loadedPage([problem(1, 'raised', 0, 'checkout')], { areas: ['checkout'] });
      const applied = merge.event(event(2, problem(1, 'raised', 1, 'payments')));
      expect(applied).toMatchObject({ changed: true, added: false });
      expect(merge.state.byNumber.has(1)).toBe(false);
    });

    it('stays off the page when it moved out while the snapshot was loading', () => {
      const merge = new LiveProblemMerge(() => ({ areas: ['checkout'] }));
      const ticket = merge.startLoad({ afterWelcome: true });
      merge.event(event(2, problem(1, 'raised', 4, 'payments')));
      merge.loaded(ticket, [problem(1, 'raised', 0, 'checkout')]);
      expect(merge.state.byNumber.has(1)).toBe(false);
    });

    it('follows everything when the page has no subscription', () => {
      const merge = loadedPage([]);
      expect(merge.event(event(1, problem(9, 'raised', 0, 'anywhere'))).added).toBe(true);
    });
  });

  describe('a stale event', () => {
    it('does not overwrite a newer copy, whether it came live or from our own change', () => {
      const merge = loadedPage([problem(1, 'contained', 5)]);
      expect(merge.event(event(9, problem(1, 'swarming', 2))).changed).toBe(false);
      expect(statusOf(merge, 1)).toBe('contained');
      expect(merge.put(problem(1, 'raised', 1))).toBe(false);
      expect(merge.put(problem(1, 'resolved', 6))).toBe(true);
      expect(statusOf(merge, 1)).toBe('resolved');
    });

    it('is not re-applied over a newer snapshot', () => {
      const merge = new LiveProblemMerge();
      const ticket = merge.startLoad({ afterWelcome: true });
      merge.event(event(4, problem(1, 'swarming', 3)));
      merge.loaded(ticket, [problem(1, 'contained', 9)]);
      expect(statusOf(merge, 1)).toBe('contained');
    });
  });
});
