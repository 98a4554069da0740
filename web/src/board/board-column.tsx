import { useId } from 'react';
import type { Area } from '../../../shared/areas.ts';
import type { Problem } from '../../../shared/problems.ts';
import { lateByMs } from './board-urgency.ts';
import { ColumnFitList } from './column-fit-list.tsx';
import { ColumnFlowList, FLOW_CARDS_MAX } from './column-flow-list.tsx';
import { ColumnScrollList } from './column-scroll-list.tsx';
import { ColumnWindowList } from './column-window-list.tsx';

/** How a column holds more cards than its height: it scrolls (desk), the page scrolls (phone), or it shows what fits (wall). */
export type ColumnLayout = 'scroll' | 'page' | 'fit';

interface BoardColumnProps {
  title: string;
  lane: string;
  problems: Problem[];
  areas: readonly Area[];
  fresh: ReadonlySet<number>;
  now: number;
  emptyText: string;
  layout: ColumnLayout;
}

export function BoardColumn({ title, lane, problems, areas, fresh, now, emptyText, layout }: BoardColumnProps) {
  const headingId = useId();
  const late = problems.reduce((n, problem) => n + Number(lateByMs(problem, now) > 0), 0);
  const list = { problems, areas, fresh, now };
  return (
    <section className={`column column--${lane}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="column__title">
        {title} <span className="column__count">{problems.length}</span>
        <span className="visually-hidden"> {problems.length === 1 ? 'problem' : 'problems'}</span>
        {late > 0 ? (
          <span className="column__late" data-testid="column-late">
            <span className="visually-hidden">, </span>
            {late} past target
          </span>
        ) : null}
      </h2>
      {problems.length === 0 ? (
        <p className="column__empty">{emptyText}</p>
      ) : layout === 'fit' ? (
        <ColumnFitList {...list} />
      ) : problems.length <= FLOW_CARDS_MAX ? (
        <ColumnFlowList {...list} scrolls={layout === 'scroll'} />
      ) : layout === 'page' ? (
        <ColumnWindowList {...list} />
      ) : (
        <ColumnScrollList {...list} />
      )}
    </section>
  );
}
