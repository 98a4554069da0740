// The rules of a live page, without React or timers: when to load an HTTP snapshot, how events that
// arrive meanwhile are kept and re-applied over it, what a welcome, a reset or a stale event does.
// useLiveProblems owns the requests and timers and asks this what to do.
import type { ProblemEvent } from '../../../shared/live.ts';
import type { Problem } from '../../../shared/problems.ts';
import type { LiveSubscription } from './live-connection.ts';
import { applyEvent, applySnapshot, emptyProblemMap, restartAt, type Applied, type Follows, type ProblemMap } from './problem-map.ts';

/** Hands out one number per snapshot load, so the answer of a load that was replaced is dropped. */
export type LoadTicket = number;

function followsSubscription(subscription: LiveSubscription | undefined): Follows {
  if (!subscription) return () => true;
  const { areas, problem } = subscription;
  return (candidate) => (areas === undefined || areas.includes(candidate.area)) && (problem === undefined || candidate.number === problem);
}

export class LiveProblemMerge {
  private map: ProblemMap = emptyProblemMap;
  // Events that arrive while a snapshot is loading, to re-apply on top of it; null when not loading.
  private arrivedWhileLoading: ProblemEvent[] | null = null;
  private ticket: LoadTicket = 0;
  private loadStartedAfterWelcome = false;
  private lastLoadFailed = false;

  /** `subscription` is read on every event, so a page that changes what it follows needs no new merge. */
  constructor(private readonly subscription: () => LiveSubscription | undefined = () => undefined) {}

  get state(): ProblemMap {
    return this.map;
  }

  /** False until the first snapshot load starts (by a welcome or by the page's own fallback). */
  get loadStarted(): boolean {
    return this.ticket > 0;
  }

  /**
   * True when a snapshot must be loaded now. The first welcome fixes the seq our snapshot must be at
   * least as new as: a load started before it could have missed an event. A resumed connection replays
   * what it missed instead, unless the last snapshot failed (the network dropped mid-load).
   */
  welcome({ resumed }: { resumed: boolean }): boolean {
    return (!resumed && !this.loadStartedAfterWelcome) || this.lastLoadFailed;
  }

  event(event: ProblemEvent): Applied {
    this.arrivedWhileLoading?.push(event);
    const applied = applyEvent(this.map, event, followsSubscription(this.subscription()));
    this.map = applied.state;
    return applied;
  }

  /** The server could not resume from our cursor: events continue after `seq`; load a snapshot now. */
  reset(seq: number): void {
    this.map = restartAt(this.map, seq);
  }

  startLoad({ afterWelcome }: { afterWelcome: boolean }): LoadTicket {
    this.loadStartedAfterWelcome ||= afterWelcome;
    this.arrivedWhileLoading = [];
    return ++this.ticket;
  }

  /** False when a newer load replaced this one: its answer is dropped. */
  loaded(ticket: LoadTicket, snapshot: readonly Problem[]): boolean {
    if (ticket !== this.ticket) return false;
    this.map = applySnapshot(this.map, snapshot, this.arrivedWhileLoading ?? [], followsSubscription(this.subscription()));
    this.arrivedWhileLoading = null;
    this.lastLoadFailed = false;
    return true;
  }

  /** False when a newer load replaced this one: its failure is not news. */
  failed(ticket: LoadTicket): boolean {
    if (ticket !== this.ticket) return false;
    this.arrivedWhileLoading = null;
    this.lastLoadFailed = true;
    return true;
  }

  /** A copy we got over HTTP (our own PATCH), unless the map already holds a newer one. */
  put(problem: Problem): boolean {
    const held = this.map.byNumber.get(problem.number);
    if (held && Date.parse(held.updatedAt) > Date.parse(problem.updatedAt)) return false;
    const byNumber = new Map(this.map.byNumber);
    byNumber.set(problem.number, problem);
    this.map = { seq: this.map.seq, byNumber };
    return true;
  }
}
