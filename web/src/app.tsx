import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { AppHeader } from './components/app-header.tsx';
import { FocusOnNavigate } from './components/focus-on-navigate.tsx';
import { BoardPage } from './pages/board-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { ProblemPage } from './pages/problem-page.tsx';
import { PullPage } from './pages/pull-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { PullQueueNotice } from './pulls/pull-queue-notice.tsx';
import { PullsProvider } from './pulls/pulls-context.tsx';
import { useSession } from './session/session-context.tsx';

// Loaded when first opened, so the charting library does not weigh on the pull page and the board.
const FlowPage = lazy(() => import('./pages/flow-page.tsx'));

function LazyFlowPage() {
  return (
    <Suspense fallback={<p className="muted" role="status">Loading the Flow page…</p>}>
      <FlowPage />
    </Suspense>
  );
}

function SignedInRoutes() {
  return (
    <PullsProvider>
      <PullQueueNotice />
      <Switch>
        <Route path="/" component={PullPage} />
        <Route path="/board" component={BoardPage} />
        <Route path="/flow" component={LazyFlowPage} />
        <Route path="/problems/:number">{(params) => <ProblemPage key={params.number} number={params.number} />}</Route>
        <Route path="/settings" component={SettingsPage} />
        <Route path="/invite/:code">{(params) => <InvitePage code={params.code} />}</Route>
        <Route path="/pull">
          <Redirect to="/" replace />
        </Route>
        <Route path="/setup">
          <Redirect to="/" replace />
        </Route>
        <Route path="/signin">
          <Redirect to="/" replace />
        </Route>
        <Route component={NotFoundPage} />
      </Switch>
    </PullsProvider>
  );
}

function SignedOutRoutes() {
  const [location] = useLocation();
  const search = useSearch();
  const next = encodeURIComponent(location + (search ? `?${search}` : ''));
  return (
    <Switch>
      <Route path="/signin" component={SignInPage} />
      <Route path="/invite/:code">{(params) => <InvitePage code={params.code} />}</Route>
      <Route>
        <Redirect to={location === '/' ? '/signin' : `/signin?next=${next}`} replace />
      </Route>
    </Switch>
  );
}

function Routes() {
  const { session, recheck } = useSession();
  switch (session.phase) {
    case 'loading':
      return (
        <p className="narrow muted" role="status">
          Loading Andon…
        </p>
      );
    case 'unreachable':
      return (
        <div className="narrow">
          <h1 tabIndex={-1}>Cannot reach Andon</h1>
          <p role="alert">The Andon server is not answering. Check your connection; this page retries by itself.</p>
          <button type="button" className="button" onClick={recheck}>
            Try again now
          </button>
        </div>
      );
    case 'setup':
      return (
        <Switch>
          <Route path="/setup" component={SetupPage} />
          <Route>
            <Redirect to="/setup" replace />
          </Route>
        </Switch>
      );
    case 'signed-out':
      return <SignedOutRoutes />;
    case 'signed-in':
      return <SignedInRoutes />;
  }
}

export function App() {
  return (
    <>
      <AppHeader />
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
      <FocusOnNavigate />
    </>
  );
}
