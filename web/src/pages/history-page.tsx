import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import type { HistoryItem } from '../../../shared/history.ts';
import { TITLE_MAX } from '../../../shared/limits.ts';
import { listHistory } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { useAreas } from '../areas/areas-store.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { historySearch, readHistoryFilters } from '../history/history-filters.ts';
import { formatWhen } from '../problems/format-age.ts';
import { LEVEL_LABEL, STATUS_LABEL } from '../problems/problem-words.ts';
import '../history/history.css';

type Results =
  | { phase: 'loading' }
  | { phase: 'ready'; items: HistoryItem[]; nextCursor: string | null; loadingMore: boolean; moreError: string | null }
  | { phase: 'error'; message: string };

/** What was found, and for which search: results for another search mean the new one is loading. */
type Found = Results & { search: string };

/** Closed problems (resolved, learned, dismissed): search by title, area and period; the URL carries the filters. */
export function HistoryPage() {
  usePageTitle('History');
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filters = readHistoryFilters(params);
  const search = historySearch(filters);
  const { areas } = useAreas();
  const [found, setFound] = useState<Found>({ phase: 'loading', search: '' });
  const results: Results = found.search === search ? found : { phase: 'loading' };
  const setResults = (next: Results) => setFound({ ...next, search });

  useEffect(() => {
    const controller = new AbortController();
    listHistory(readHistoryFilters(new URLSearchParams(search)), controller.signal).then(
      (page) => setFound({ phase: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false, moreError: null, search }),
      (error: unknown) => {
        if (!controller.signal.aborted) setFound({ phase: 'error', message: describeError(error), search });
      },
    );
    return () => controller.abort();
  }, [search]);

  function apply(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setParams(historySearch({ q: formText(form, 'q').trim(), area: formText(form, 'area'), from: formText(form, 'from'), to: formText(form, 'to') }));
  }

  function more() {
    if (results.phase !== 'ready' || !results.nextCursor) return;
    const { items, nextCursor } = results;
    setResults({ ...results, loadingMore: true, moreError: null });
    listHistory({ ...filters, cursor: nextCursor }).then(
      (page) => setResults({ phase: 'ready', items: [...items, ...page.items], nextCursor: page.nextCursor, loadingMore: false, moreError: null }),
      (error: unknown) => setResults({ phase: 'ready', items, nextCursor, loadingMore: false, moreError: describeError(error) }),
    );
  }

  return (
    <div className="settings-page">
      <h1 tabIndex={-1}>History</h1>
      <p className="muted">Problems that are resolved, learned from or dismissed, newest raised first. Copy the address to share a search.</p>
      {/* Keyed by the URL (and the areas once loaded) so the fields show what a shared link (or Back) asks for. */}
      <form key={`${search}|${areas.length}`} className="past-filters" role="search" aria-label="Search closed problems" onSubmit={apply}>
        <TextField className="field--search" label="Title contains" name="q" type="search" maxLength={TITLE_MAX} defaultValue={filters.q ?? ''} />
        <div className="field">
          <label htmlFor={`${id}-area`}>Area</label>
          <select id={`${id}-area`} name="area" defaultValue={filters.area ?? ''}>
            <option value="">All areas</option>
            {areas.map((area) => (
              <option key={area.slug} value={area.slug}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
        <TextField label="Raised from" name="from" type="date" defaultValue={filters.from ?? ''} />
        <TextField label="Raised until" name="to" type="date" defaultValue={filters.to ?? ''} />
        <button type="submit" className="button button--primary">
          Search
        </button>
      </form>
      <div aria-live="polite">
        {results.phase === 'loading' && <p role="status">Looking…</p>}
        {results.phase === 'error' && (
          <p role="alert" className="alert alert--error">
            Could not search: {results.message}
          </p>
        )}
        {results.phase === 'ready' && results.items.length === 0 && <p>No closed problem matches.</p>}
      </div>
      {results.phase === 'ready' && results.items.length > 0 && (
        <>
          <ul className="past-list" aria-label="Closed problems">
            {results.items.map((item) => (
              <li key={item.number} className="past-row">
                <Link href={`/problems/${item.number}`}>
                  <span className="past-row__title">
                    #{item.number} {item.title}
                  </span>
                  <span className="past-row__meta">
                    {STATUS_LABEL[item.status]} · {LEVEL_LABEL[item.level]} · {item.areaName} · raised {formatWhen(item.raisedAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {results.moreError && (
            <p role="alert" className="alert alert--error">
              Could not load more: {results.moreError}
            </p>
          )}
          {results.nextCursor && (
            <button type="button" className="button past-more" disabled={results.loadingMore} onClick={more}>
              {results.loadingMore ? 'Loading…' : 'Show more'}
            </button>
          )}
        </>
      )}
    </div>
  );
}
