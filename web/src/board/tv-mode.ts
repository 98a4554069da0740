import { useLocation, useSearch } from 'wouter';

/** `/board?tv=1`: the board as a wall screen shows it, with no header and no controls. */
export function isTvMode(search: string): boolean {
  return new URLSearchParams(search).get('tv') === '1';
}

export function useTvMode(): boolean {
  const [location] = useLocation();
  const search = useSearch();
  return location === '/board' && isTvMode(search);
}

/** The link into TV mode keeps the board's filters, so a wall screen can show one area. */
export function tvModeHref(params: URLSearchParams): string {
  const query = new URLSearchParams(params);
  query.set('tv', '1');
  return `/board?${query.toString()}`;
}

export function leaveTvModeHref(params: URLSearchParams): string {
  const query = new URLSearchParams(params);
  query.delete('tv');
  const rest = query.toString();
  return rest ? `/board?${rest}` : '/board';
}
