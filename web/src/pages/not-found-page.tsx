import { Link } from 'wouter';
import { usePageTitle } from '../browser/use-page-title.ts';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <div className="narrow">
      <h1 tabIndex={-1}>Nothing here</h1>
      <p>
        This page does not exist. Go to the <Link href="/">pull page</Link> or the <Link href="/board">board</Link>.
      </p>
    </div>
  );
}
