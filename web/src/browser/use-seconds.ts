import { useSyncExternalStore } from 'react';

// A second ticker of its own, subscribed only by running countdowns, so a board of quiet cards
// keeps the 15-second ticker of `useNow` and does not re-render every second.
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
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useSeconds(): number {
  return useSyncExternalStore(subscribe, () => now);
}
