import { ProblemCard } from './problem-card.tsx';
import { cardKeyHandler, type CardListProps } from './virtual-card-list.tsx';

/**
 * Up to this many cards a column draws them all, in the page's flow: the browser skips the style,
 * layout and paint of those out of view by itself (`content-visibility` in board.css), so nothing is
 * measured in script. Past it a virtualizer keeps only the cards in view in the DOM.
 */
export const FLOW_CARDS_MAX = 50;

/** Every card of a column, one after another; in a column that scrolls itself (desk) or in the page (phone). */
export function ColumnFlowList({ problems, areas, fresh, now, scrolls }: CardListProps & { scrolls: boolean }) {
  // Every card is in the DOM, so moving the focus scrolls it into view: nothing to scroll first.
  const onKeyDown = cardKeyHandler(problems.length, () => undefined);
  return (
    <div className={scrolls ? 'column__scroll' : 'column__page-list'} onKeyDown={onKeyDown}>
      <ul className="column__flow-list">
        {problems.map((problem, index) => (
          <li key={problem.number}>
            <ProblemCard
              problem={problem}
              areaName={areas.find((a) => a.slug === problem.area)?.name ?? problem.area}
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
