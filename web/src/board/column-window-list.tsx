import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { CARD_GAP_PX, cardKeyHandler, ESTIMATED_CARD_PX, VirtualCardList, type CardListProps } from './virtual-card-list.tsx';

/** Where an element starts on the page, followed as whatever is above it grows or shrinks. */
function usePageTop(ref: RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      if (ref.current) setTop(ref.current.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return top;
}

/**
 * A phone column: the page scrolls, not the column (one scroll, as a phone expects), and still only
 * the cards near the screen are in the DOM.
 */
export function ColumnWindowList(props: CardListProps) {
  const { problems } = props;
  const listRef = useRef<HTMLDivElement>(null);
  const pageTop = usePageTop(listRef);
  const virtualizer = useWindowVirtualizer({
    count: problems.length,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => problems[index].number,
    overscan: 4,
    gap: CARD_GAP_PX,
    scrollMargin: pageTop,
  });
  const onKeyDown = cardKeyHandler(problems.length, (index) => virtualizer.scrollToIndex(index, { align: 'auto' }));
  return (
    <div ref={listRef} className="column__page-list" onKeyDown={onKeyDown}>
      <VirtualCardList
        {...props}
        items={virtualizer.getVirtualItems()}
        totalSize={virtualizer.getTotalSize()}
        offset={virtualizer.options.scrollMargin}
        measureElement={virtualizer.measureElement}
      />
    </div>
  );
}
