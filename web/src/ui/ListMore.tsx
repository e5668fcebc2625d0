/** What a list read page by page shows under its items (usePagedList). */
export interface PagedListState {
  nextCursor: string | null;
  loading: boolean;
  failed: boolean;
  loadMore: () => Promise<void>;
}

/**
 * The end of a list read page by page: that it could not be read, or "Show more" while there is
 * more. `onMore` replaces loading the next page when the page does more (moving the focus to the
 * first item added, say).
 */
export function ListMore({ list, onMore }: { list: PagedListState; onMore?: () => Promise<void> }) {
  return (
    <>
      {list.failed ? (
        <p className="form-error" role="alert">
          The list could not be read. Try again in a moment.
        </p>
      ) : null}
      {list.nextCursor && !list.loading ? (
        <button type="button" className="quiet" onClick={() => void (onMore ?? list.loadMore)()}>
          Show more
        </button>
      ) : null}
    </>
  );
}
