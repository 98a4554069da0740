import { useCallback, useEffect, useState } from 'react';
import type { LiveEvent } from '../../../shared/live.ts';
import type { Presence } from '../../../shared/problems.ts';
import { PRESENCE_HEARTBEAT_MS, PRESENCE_WINDOW_MS } from '../../../shared/values/problems.ts';
import { sendPresence } from '../api/endpoints.ts';

type Person = Presence['people'][number];

/**
 * Says "I am looking at this problem" every 20 s while the page is open and visible, and keeps who
 * else is. Arrivals come as events; a departure is somebody whose last heartbeat is older than the
 * window, worked out here, so leaving costs the server nothing.
 */
export function usePresence(number: number, now: number) {
  const [people, setPeople] = useState<Person[]>([]);

  const merge = useCallback((presence: Presence) => {
    if (presence.problemNumber !== number) return;
    setPeople((current) => {
      const byId = new Map(current.map((p) => [p.id, p]));
      for (const person of presence.people) {
        const known = byId.get(person.id);
        if (!known || known.seenAt < person.seenAt) byId.set(person.id, person);
      }
      return [...byId.values()];
    });
  }, [number]);

  useEffect(() => {
    let stopped = false;
    const beat = () => {
      if (document.visibilityState !== 'visible') return;
      sendPresence(number).then((presence) => !stopped && merge(presence), () => {});
    };
    beat();
    const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS);
    document.addEventListener('visibilitychange', beat);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', beat);
    };
  }, [number, merge]);

  const onEvent = useCallback((event: LiveEvent) => {
    if (event.name === 'presence.changed') merge(event.data);
  }, [merge]);

  const present = people.filter((p) => Date.parse(p.seenAt) >= now - PRESENCE_WINDOW_MS);
  return { present, onEvent };
}
