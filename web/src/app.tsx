import { Redirect, Route, Switch, useLocation, useRoute, useSearch } from 'wouter';
import { AlertBanners } from './alerts/alert-banners.tsx';
import { AlertsProvider } from './alerts/alerts-context.tsx';
import { AppHeader } from './components/app-header.tsx';
import { FocusOnNavigate } from './components/focus-on-navigate.tsx';
import { PageBoundary } from './components/page-boundary.tsx';
import { useTvMode } from './board/tv-mode.ts';
import {
  AccountPage,
  AlertsPage,
  BoardPage,
  FlowPage,
  HistoryPage,
  InvitePage,
  KioskPage,
  LearningPage,
  LearningsPage,
  NotFoundPage,
  NotSpreadingPage,
  ProblemPage,
  PullPage,
  ResetPasswordPage,
  SettingsPage,
  SetupPage,
  SignInPage,
} from './pages/lazy-pages.ts';
import { PullQueueNotice } from './pulls/pull-queue-notice.tsx';
import { PullsProvider } from './pulls/pulls-context.tsx';
import { useSession } from './session/session-context.tsx';

function SignedInRoutes() {
  return (
    <PullsProvider>
      <AlertsProvider>
        <PullQueueNotice />
        <AlertBanners />
        <PageBoundary>
          <Switch>
            <Route path="/" component={PullPage} />
            <Route path="/board" component={BoardPage} />
            <Route path="/flow" component={FlowPage} />
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
        </PageBoundary>
      </AlertsProvider>
    </PullsProvider>
  );
}

function SignedOutRoutes() {
  const [location] = useLocation();
  const search = useSearch();
  const next = encodeURIComponent(location + (search ? `?${search}` : ''));
  return (
    <PageBoundary>
      <Switch>
        <Route path="/signin" component={SignInPage} />
        <Route path="/invite/:code">{(params) => <InvitePage code={params.code} />}</Route>
        <Route path="/reset/:code">{(params) => <ResetPasswordPage code={params.code} />}</Route>
        <Route>
          <Redirect to={location === '/' ? '/signin' : `/signin?next=${next}`} replace />
        </Route>
      </Switch>
    </PageBoundary>
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
        <PageBoundary>
          <Switch>
            <Route path="/setup" component={SetupPage} />
            <Route>
              <Redirect to="/setup" replace />
            </Route>
          </Switch>
        </PageBoundary>
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
        <PageBoundary>
          <KioskPage code={kioskParams.code} />
        </PageBoundary>
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
