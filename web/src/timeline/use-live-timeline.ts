import { useCallback, useRef, useState } from 'react';
import type { LiveEvent } from '../../../shared/live.ts';
import type { TimelineEntry } from '../../../shared/timeline.ts';
import { getTimeline } from '../api/endpoints.ts';
import { compareText } from '../problems/compare-text.ts';

function sorted(entries: Map<string, TimelineEntry>): TimelineEntry[] {
  // Oldest first, as the server orders them: by time, then by the time-ordered id.
  return [...entries.values()].sort((a, b) => compareText(a.at, b.at) || compareText(a.id, b.id));
}

/**
 * A problem's timeline: loaded over HTTP whenever the page (re)syncs, with the timeline events of the
 * live connection applied on top. Events that arrive while a load is under way are applied again
 * after it, so an entry added during the load is not lost.
 */
export function useLiveTimeline(number: number) {
  const entries = useRef(new Map<string, TimelineEntry>());
  const duringLoad = useRef<TimelineEntry[] | null>(null);
  const generation = useRef(0);
  const [list, setList] = useState<TimelineEntry[]>([]);
  const [loaded, setLoaded] = useState(false);

  const put = useCallback((entry: TimelineEntry) => {
    if (entry.problemNumber !== number) return;
    entries.current.set(entry.id, entry);
    duringLoad.current?.push(entry);
    setList(sorted(entries.current));
  }, [number]);

  const resync = useCallback(() => {
    const mine = ++generation.current;
    duringLoad.current = [];
    getTimeline(number).then(
      ({ items }) => {
        if (mine !== generation.current) return;
        const next = new Map(items.map((e) => [e.id, e]));
        for (const entry of duringLoad.current ?? []) next.set(entry.id, entry);
        duringLoad.current = null;
        entries.current = next;
        setList(sorted(next));
        setLoaded(true);
      },
      () => {
        // The problem's own load shows the failure and retries; its retry resyncs this too.
        if (mine === generation.current) duringLoad.current = null;
      },
    );
  }, [number]);

  const onEvent = useCallback((event: LiveEvent) => {
    if (event.name === 'timeline.added' || event.name === 'timeline.edited') put(event.data);
  }, [put]);

  return { entries: list, loaded, put, resync, onEvent };
}
