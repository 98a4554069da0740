import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, type KeyboardEvent } from 'react';
import type { Area } from '../../../shared/areas.ts';
import type { Problem } from '../../../shared/problems.ts';
import { isPastTarget } from './board-lanes.ts';
import { ProblemCard } from './problem-card.tsx';

interface BoardColumnProps {
  title: string;
  lane: string;
  problems: Problem[];
  areas: readonly Area[];
  fresh: ReadonlySet<number>;
  now: number;
  emptyText: string;
}

const ESTIMATED_CARD_PX = 104;
const GAP_PX = 8;

/**
 * Only the cards in view (plus a few either side) are in the DOM, so a column of 1,000 problems
 * scrolls as smoothly as one of ten. Arrow keys move between cards, scrolling unrendered ones in.
 */
export function BoardColumn({ title, lane, problems, areas, fresh, now, emptyText }: BoardColumnProps) {
  const headingId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: problems.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => problems[index].number,
    overscan: 6,
    gap: GAP_PX,
  });

  function focusCard(index: number, triesLeft = 6) {
    const card = scrollRef.current?.querySelector<HTMLElement>(`[data-card-index="${index}"]`);
    if (card) card.focus();
    else if (triesLeft > 0) requestAnimationFrame(() => focusCard(index, triesLeft - 1));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-card-index]');
    if (!current) return;
    const index = Number(current.dataset.cardIndex);
    const last = problems.length - 1;
    const target =
      event.key === 'ArrowDown' ? Math.min(last, index + 1)
      : event.key === 'ArrowUp' ? Math.max(0, index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (target === null || target === index) return;
    event.preventDefault();
    virtualizer.scrollToIndex(target, { align: 'auto' });
    focusCard(target);
  }

  return (
    <section className={`column column--${lane}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="column__title">
        {title} <span className="column__count">{problems.length}</span>
        <span className="visually-hidden"> {problems.length === 1 ? 'problem' : 'problems'}</span>
      </h2>
      <div ref={scrollRef} className="column__scroll" onKeyDown={onKeyDown}>
        {problems.length === 0 ? (
          <p className="column__empty">{emptyText}</p>
        ) : (
          <ul className="column__list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const problem = problems[item.index];
              const area = areas.find((a) => a.slug === problem.area);
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="column__item"
                  aria-setsize={problems.length}
                  aria-posinset={item.index + 1}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <ProblemCard
                    problem={problem}
                    areaName={area?.name ?? problem.area}
                    targetMinutes={area && isPastTarget(problem, area.responseTargetMinutes, now) ? area.responseTargetMinutes : null}
                    now={now}
                    fresh={fresh.has(problem.number)}
                    index={item.index}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
