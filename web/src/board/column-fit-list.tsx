import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Problem } from '../../../shared/problems.ts';
import { areaName } from '../areas/areas-store.ts';
import { ProblemCard } from './problem-card.tsx';
import type { CardListProps } from './virtual-card-list.tsx';

// More than a 4K wall screen can show in one column at TV sizes: measuring starts from these.
const CANDIDATES_MAX = 40;

interface Fit {
  problems: Problem[];
  height: number;
  count: number;
}

/** The height of an element, followed as the window resizes. */
function useHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}

/**
 * A wall-screen column never scrolls (nobody is there to scroll it): it shows as many of its most
 * urgent cards as fit whole, and says how many more there are. Each time the cards or the room
 * change, it lays out the candidates, counts those that fit, and draws only those — all before the
 * browser paints, so the screen never shows the trial.
 */
export function ColumnFitList({ problems, areas, fresh, now }: CardListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const height = useHeight(listRef);
  const [fit, setFit] = useState<Fit | null>(null);
  const measuring = fit?.problems !== problems || fit.height !== height;
  const shown = measuring ? problems.slice(0, CANDIDATES_MAX) : problems.slice(0, fit.count);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!measuring || !list) return;
    const bottom = list.getBoundingClientRect().bottom;
    let count = 0;
    for (const item of list.children) {
      if (item.getBoundingClientRect().bottom > bottom + 0.5) break;
      count += 1;
    }
    setFit({ problems, height, count });
  }, [measuring, problems, height]);

  const more = problems.length - shown.length;
  return (
    <>
      <ul ref={listRef} className="column__fit-list">
        {shown.map((problem, index) => (
          <li key={problem.number} className="column__fit-item">
            <ProblemCard
              problem={problem}
              areaName={areaName(areas, problem.area)}
              now={now}
              fresh={fresh.has(problem.number)}
              index={index}
            />
          </li>
        ))}
      </ul>
      {/* Always there, if empty, so that saying "+N more" never takes room from the cards it counts. */}
      <p className="column__more" data-testid="more">
        {measuring || more === 0 ? '' : `+${more} more`}
      </p>
    </>
  );
}
