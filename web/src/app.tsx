import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch, useLocation, useRoute, useSearch } from 'wouter';
import { AlertBanners } from './alerts/alert-banners.tsx';
import { AlertsProvider } from './alerts/alerts-context.tsx';
import { AppHeader } from './components/app-header.tsx';
import { FocusOnNavigate } from './components/focus-on-navigate.tsx';
import { useTvMode } from './board/tv-mode.ts';
import { AccountPage } from './pages/account-page.tsx';
import { AlertsPage } from './pages/alerts-page.tsx';
import { BoardPage } from './pages/board-page.tsx';
import { HistoryPage } from './pages/history-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { LearningPage } from './pages/learning-page.tsx';
import { LearningsPage } from './pages/learnings-page.tsx';
import { KioskPage } from './pages/kiosk-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { NotSpreadingPage } from './pages/not-spreading-page.tsx';
import { ProblemPage } from './pages/problem-page.tsx';
import { PullPage } from './pages/pull-page.tsx';
import { ResetPasswordPage } from './pages/reset-password-page.tsx';
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
      <AlertsProvider>
        <PullQueueNotice />
        <AlertBanners />
        <Switch>
          <Route path="/" component={PullPage} />
          <Route path="/board" component={BoardPage} />
          <Route path="/flow" component={LazyFlowPage} />
          <Route path="/problems/:number">{(params) => <ProblemPage key={params.number} number={params.number} />}</Route>
          <Route path="/learnings" component={LearningsPage} />
          <Route path="/learnings/not-spreading" component={NotSpreadingPage} />
          <Route path="/learnings/:id">{(params) => <LearningPage key={params.id} id={params.id} />}</Route>
          <Route path="/settings" component={SettingsPage} />
          <Route path="/alerts" component={AlertsPage} />
          <Route path="/history" component={HistoryPage} />
          <Route path="/account" component={AccountPage} />
          <Route path="/invite/:code">{(params) => <InvitePage code={params.code} />}</Route>
          <Route path="/reset/:code">{(params) => <ResetPasswordPage code={params.code} />}</Route>
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
      </AlertsProvider>
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
      <Route path="/reset/:code">{(params) => <ResetPasswordPage code={params.code} />}</Route>
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
  // A wall screen shows the board alone: no header, nothing to click.
  const tv = useTvMode();
  const [kiosk, kioskParams] = useRoute('/k/:code');
  // A pull link's page stands on its own, signed in or not: no header, no navigation, nothing to sign in to.
  if (kiosk) {
    return (
      <main id="main" tabIndex={-1}>
        <KioskPage code={kioskParams.code} />
      </main>
    );
  }
  return (
    <>
      {!tv && <AppHeader />}
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
      <FocusOnNavigate />
    </>
  );
}
