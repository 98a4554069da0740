import { Component, Suspense, type ReactNode } from 'react';
import { useLocation } from 'wouter';

interface CatcherProps {
  children: ReactNode;
}

/** A page whose code could not be downloaded (the network dropped) says so instead of blanking the app. */
class ChunkErrorCatcher extends Component<CatcherProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="narrow">
        <h1 tabIndex={-1}>This page could not load</h1>
        <p role="alert">Andon could not download this page. Check your connection, then try again.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </div>
    );
  }
}

/** Where a page's own chunk (web/src/pages/lazy-pages.ts) is awaited: one per address, so moving on clears a failure. */
export function PageBoundary({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  return (
    <ChunkErrorCatcher key={location}>
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>{children}</Suspense>
    </ChunkErrorCatcher>
  );
}
