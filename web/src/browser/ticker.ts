import { useState, useSyncExternalStore } from 'react';

const stayStill = () => () => undefined;

/**
 * A clock shared by every component that reads it: one timer however many subscribe, running only
 * while someone does. Returns the hook that reads it; `running: false` holds the time it was drawn
 * at (a countdown out of view need not be drawn again every second).
 */
export function createTicker(everyMs: number): (running?: boolean) => number {
  let now = Date.now();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    if (!timer) {
      now = Date.now();
      timer = setInterval(() => {
        now = Date.now();
        for (const l of listeners) l();
      }, everyMs);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  }

  const read = () => now;
  return function useTicker(running = true) {
    const [drawnAt] = useState(Date.now);
    const ticking = useSyncExternalStore(running ? subscribe : stayStill, read);
    return running ? ticking : drawnAt;
  };
}
