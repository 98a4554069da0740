import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { CARD_GAP_PX, cardKeyHandler, ESTIMATED_CARD_PX, VirtualCardList, type CardListProps } from './virtual-card-list.tsx';

/**
 * A desk column that scrolls inside itself: only the cards in view (plus a few either side) are in
 * the DOM, so a column of 1,000 problems scrolls as smoothly as one of ten.
 */
export function ColumnScrollList(props: CardListProps) {
  const { problems } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: problems.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => problems[index].number,
    overscan: 6,
    gap: CARD_GAP_PX,
  });
  const onKeyDown = cardKeyHandler(problems.length, (index) => virtualizer.scrollToIndex(index, { align: 'auto' }));
  return (
    <div ref={scrollRef} className="column__scroll" onKeyDown={onKeyDown}>
      <VirtualCardList
        {...props}
        items={virtualizer.getVirtualItems()}
        totalSize={virtualizer.getTotalSize()}
        offset={0}
        measureElement={virtualizer.measureElement}
      />
    </div>
  );
}
