import type { VirtualItem } from '@tanstack/react-virtual';
import type { KeyboardEvent } from 'react';
import type { Area } from '../../../shared/areas.ts';
import type { Problem } from '../../../shared/problems.ts';
import { areaName } from '../areas/areas-store.ts';
import { ProblemCard } from './problem-card.tsx';

// A raised card's height at phone and desk widths (a swarmed one is a line taller). Each card whose
// measured height differs from the estimate moves the ones after it, and the list measures again:
// with 128 px the phone board's first draw was one long task of repeated layouts.
export const ESTIMATED_CARD_PX = 178;
export const CARD_GAP_PX = 8;

export interface CardListProps {
  problems: Problem[];
  areas: readonly Area[];
  fresh: ReadonlySet<number>;
  now: number;
}

interface VirtualCardListProps extends CardListProps {
  items: VirtualItem[];
  totalSize: number;
  /** Where the list starts within what scrolls (a window virtualizer counts from the page top). */
  offset: number;
  measureElement: (element: Element | null) => void;
}

/** The cards a virtualizer says are in view, each placed where it would be in the full list. */
export function VirtualCardList({ problems, areas, fresh, now, items, totalSize, offset, measureElement }: VirtualCardListProps) {
  return (
    <ul className="column__list" style={{ height: totalSize }}>
      {items.map((item) => {
        const problem = problems[item.index];
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={measureElement}
            className="column__item"
            aria-setsize={problems.length}
            aria-posinset={item.index + 1}
            style={{ transform: `translateY(${item.start - offset}px)` }}
          >
            <ProblemCard
              problem={problem}
              areaName={areaName(areas, problem.area)}
              now={now}
              fresh={fresh.has(problem.number)}
              index={item.index}
            />
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Arrow keys, Home and End move between cards, scrolling one that is not rendered yet into view
 * first. Returns the keydown handler for the element around the cards.
 */
export function cardKeyHandler(count: number, scrollToIndex: (index: number) => void) {
  function focusCard(root: HTMLElement, index: number, triesLeft = 6) {
    const card = root.querySelector<HTMLElement>(`[data-card-index="${index}"]`);
    if (card) card.focus();
    else if (triesLeft > 0) requestAnimationFrame(() => focusCard(root, index, triesLeft - 1));
  }
  return (event: KeyboardEvent<HTMLElement>) => {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-card-index]');
    if (!current) return;
    const index = Number(current.dataset.cardIndex);
    const last = count - 1;
    const target =
      event.key === 'ArrowDown' ? Math.min(last, index + 1)
      : event.key === 'ArrowUp' ? Math.max(0, index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (target === null || target === index) return;
    event.preventDefault();
    scrollToIndex(target);
    focusCard(event.currentTarget, target);
  };
}
