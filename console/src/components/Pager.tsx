/** Keyset paging for a list page: the cursors of the pages seen so far, so Previous works without offsets. */
import { useState } from 'react';
import { formatNumber } from '../format.ts';

export interface Cursors {
  readonly key: string;
  readonly cursors: readonly (string | undefined)[];
  readonly index: number;
}

/** The cursor of the page shown, and moves; a new `key` (other filters) starts again on the first page. */
export function useCursors(key: string) {
  const [state, setState] = useState<Cursors>({ key, cursors: [undefined], index: 0 });
  const current = state.key === key ? state : { key, cursors: [undefined], index: 0 };
  return {
    cursor: current.cursors[current.index],
    index: current.index,
    next: (nextCursor: string) =>
      setState({
        key,
        cursors: [...current.cursors.slice(0, current.index + 1), nextCursor],
        index: current.index + 1,
      }),
    previous: () => setState({ ...current, index: Math.max(0, current.index - 1) }),
  };
}

export function Pager({
  index,
  nextCursor,
  count,
  size,
  onNext,
  onPrevious,
  label = 'Pages',
}: {
  index: number;
  nextCursor: string | null | undefined;
  count: number | undefined;
  size: number;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  label?: string;
}) {
  const first = index * size + 1;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={index === 0} onClick={onPrevious}>
        Previous
      </button>
      <span aria-live="polite">
        {count
          ? `Rows ${formatNumber(first)}–${formatNumber(first + count - 1)} · page ${formatNumber(index + 1)}`
          : `Page ${formatNumber(index + 1)}`}
      </span>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        Next
      </button>
    </nav>
  );
}
