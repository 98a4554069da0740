import { areaName } from '../areas/areas-store.ts';
import { ProblemCard } from './problem-card.tsx';
import { useDrawnGradually } from './use-drawn-gradually.ts';
import { cardKeyHandler, type CardListProps } from './virtual-card-list.tsx';

/**
 * Up to this many cards a column draws them all, in the page's flow, and nothing is measured in
 * script. Past it a virtualizer keeps only the cards in view in the DOM.
 */
export const FLOW_CARDS_MAX = 30;

// More than a column shows on opening on any screen: the first render draws these, and the rest,
// out of view, are drawn a few per task just after, so no task is long.
const FIRST_CARDS = 8;
const CARDS_PER_TASK = 4;

/** Every card of a column, one after another; in a column that scrolls itself (desk) or in the page (phone). */
export function ColumnFlowList({ problems, areas, fresh, now, scrolls }: CardListProps & { scrolls: boolean }) {
  // Every card is in the DOM, so moving the focus scrolls it into view: nothing to scroll first.
  const onKeyDown = cardKeyHandler(problems.length, () => undefined);
  const drawn = useDrawnGradually(problems.length, FIRST_CARDS, CARDS_PER_TASK);
  return (
    <div className={scrolls ? 'column__scroll' : 'column__page-list'} onKeyDown={onKeyDown}>
      <ul className="column__flow-list">
        {problems.slice(0, drawn).map((problem, index) => (
          <li key={problem.number}>
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
    </div>
  );
}
