import './components.css';

interface PaginationProps {
  /** Names the navigation landmark, e.g. "Audit trail pages". */
  label: string;
  /** 0-based. */
  page: number;
  pageCount: number;
  onPage(page: number): void;
  disabled?: boolean;
}

/**
 * Previous / next for a paged table. The buttons stay in place (aria-disabled at either end
 * rather than removed), so focus is not lost when the first or last page is reached.
 */
export function Pagination({ label, page, pageCount, onPage, disabled = false }: PaginationProps) {
  if (pageCount <= 1) return null;
  const hasPrevious = page > 0;
  const hasNext = page < pageCount - 1;
  return (
    <nav className="pagination" aria-label={label}>
      <button
        type="button"
        className="pagination__button"
        aria-disabled={!hasPrevious || disabled ? true : undefined}
        onClick={() => {
          if (hasPrevious && !disabled) onPage(page - 1);
        }}
      >
        <span aria-hidden="true">‹ </span>Previous page
      </button>
      <p className="pagination__position">
        Page {page + 1} of {pageCount}
      </p>
      <button
        type="button"
        className="pagination__button"
        aria-disabled={!hasNext || disabled ? true : undefined}
        onClick={() => {
          if (hasNext && !disabled) onPage(page + 1);
        }}
      >
        Next page<span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}
