import { useEffect, useState } from 'react';

/**
 * How many of a list's items to draw: `first` at once, then `step` more in each task after, until all
 * are. Drawing a column's thirty cards in one render is one long task as the board opens (Preact's
 * `useDeferredValue` hands the value back at once, so it no longer splits the work), and the board
 * cannot answer a tap until it ends. Items added later (a live pull) are drawn in the next task.
 */
export function useDrawnGradually(total: number, first: number, step: number): number {
  const [drawn, setDrawn] = useState(() => Math.min(total, first));
  useEffect(() => {
    if (drawn >= total) return;
    const next = setTimeout(() => setDrawn((count) => Math.min(total, count + step)), 0);
    return () => clearTimeout(next);
  }, [drawn, total, step]);
  return Math.min(drawn, total);
}
