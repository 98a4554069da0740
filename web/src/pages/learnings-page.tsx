import { useId, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import type { SearchQuery, SearchResults } from '../../../shared/learnings.ts';
import { searchLearnings } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { areaName, useAreas } from '../areas/areas-store.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FeedAddress } from '../learnings/feed-address.tsx';
import { leadsAnArea } from '../learnings/leads-area.ts';
import { SnippetText } from '../learnings/snippet-text.tsx';
import { useLoaded } from '../learnings/use-loaded.ts';
import { useUser } from '../session/session-context.tsx';
import '../learnings/learnings.css';

const FILTERS = ['q', 'area', 'tag', 'from', 'to'] as const;

/** The library: full-text search ranked by relevance, highlighted snippets, filters, and more pages on demand. */
export function LearningsPage() {
  usePageTitle('Learnings');
  const id = useId();
  const { areas } = useAreas();
  const me = useUser();
  const [params, setParams] = useSearchParams();
  const query: SearchQuery = Object.fromEntries(FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key) ?? '']] : [])));
  const key = JSON.stringify(query);
  const first = useLoaded((signal) => searchLearnings(query, signal), key);
  const [more, setMore] = useState<{ key: string; pages: SearchResults[] }>({ key, pages: [] });
  const [moreError, setMoreError] = useState<string | null>(null);
  const extra = more.key === key ? more.pages : [];
  const pages = first.data ? [first.data, ...extra] : [];
  const items = pages.flatMap((page) => page.items);
  const nextCursor = pages.at(-1)?.nextCursor ?? null;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.get(name);
      if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
    }
    setParams(next);
  }

  async function loadMore(cursor: string) {
    try {
      const page = await searchLearnings({ ...query, cursor });
      setMore({ key, pages: [...extra, page] });
      setMoreError(null);
    } catch (error) {
      setMoreError(describeError(error));
    }
  }

  return (
    <div className="learnings-page">
      <h1 tabIndex={-1}>Learnings</h1>
      <p className="lead">What every resolved problem taught. Search before you swarm: it may have happened before.</p>
      {leadsAnArea(me, areas) && (
        <p>
          <Link href="/learnings/not-spreading">Which learnings are not spreading</Link>, per area you look after
        </p>
      )}
      <FeedAddress />
      <form className="learnings-search" role="search" onSubmit={submit} key={key}>
        <div className="field learnings-search__words">
          <label htmlFor={`${id}-q`}>Search</label>
          <input id={`${id}-q`} name="q" type="search" defaultValue={query.q ?? ''} placeholder="e.g. connection pool timeout" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-area`}>Area</label>
          <select id={`${id}-area`} name="area" defaultValue={query.area ?? ''}>
            <option value="">All areas</option>
            {areas.map((a) => <option key={a.slug} value={a.slug}>{a.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tag`}>Tag</label>
          <input id={`${id}-tag`} name="tag" defaultValue={query.tag ?? ''} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Published from</label>
          <input id={`${id}-from`} name="from" type="date" defaultValue={query.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>to</label>
          <input id={`${id}-to`} name="to" type="date" defaultValue={query.to ?? ''} />
        </div>
        <button type="submit" className="button button--primary">Search</button>
      </form>

      {first.error && <p role="alert" className="alert alert--error">Could not search: {first.error}</p>}
      <p role="status" className="muted">
        {first.data ? (items.length === 0 ? 'No learning matches.' : `${items.length}${nextCursor ? '+' : ''} ${items.length === 1 ? 'learning' : 'learnings'}`) : 'Searching…'}
      </p>
      <ol className="learning-hits">
        {items.map((hit) => (
          <li key={hit.id} className="learning-hit">
            <h2 className="learning-hit__title">
              <Link href={`/learnings/${encodeURIComponent(hit.id)}`}><SnippetText parts={hit.title} /></Link>
            </h2>
            <p className="learning-hit__snippet"><SnippetText parts={hit.snippet} /></p>
            <p className="muted learning-hit__meta">
              {areaName(areas, hit.area)} · #{hit.problemNumber} · {hit.publishedAt.slice(0, 10)}
              {hit.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}
            </p>
          </li>
        ))}
      </ol>
      {moreError && <p role="alert" className="alert alert--error">{moreError}</p>}
      {nextCursor && <button type="button" className="button" onClick={() => void loadMore(nextCursor)}>More learnings</button>}
    </div>
  );
}
