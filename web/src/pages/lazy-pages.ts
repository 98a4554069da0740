import { lazy, type ComponentType } from 'react';

// Each page is a chunk of its own, loaded when first shown: the pull page and the board, the pages
// people open on a phone, then download, parse and run only their own code, not every page's.
const load = {
  account: () => import('./account-page.tsx').then((m) => m.AccountPage),
  alerts: () => import('./alerts-page.tsx').then((m) => m.AlertsPage),
  board: () => import('./board-page.tsx').then((m) => m.BoardPage),
  flow: () => import('./flow-page.tsx').then((m) => m.default),
  history: () => import('./history-page.tsx').then((m) => m.HistoryPage),
  invite: () => import('./invite-page.tsx').then((m) => m.InvitePage),
  kiosk: () => import('./kiosk-page.tsx').then((m) => m.KioskPage),
  learning: () => import('./learning-page.tsx').then((m) => m.LearningPage),
  learnings: () => import('./learnings-page.tsx').then((m) => m.LearningsPage),
  notFound: () => import('./not-found-page.tsx').then((m) => m.NotFoundPage),
  notSpreading: () => import('./not-spreading-page.tsx').then((m) => m.NotSpreadingPage),
  problem: () => import('./problem-page.tsx').then((m) => m.ProblemPage),
  pull: () => import('./pull-page.tsx').then((m) => m.PullPage),
  resetPassword: () => import('./reset-password-page.tsx').then((m) => m.ResetPasswordPage),
  settings: () => import('./settings-page.tsx').then((m) => m.SettingsPage),
  setup: () => import('./setup-page.tsx').then((m) => m.SetupPage),
  signIn: () => import('./sign-in-page.tsx').then((m) => m.SignInPage),
};

function lazyPage<P extends object>(loadPage: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await loadPage() }));
}

export const AccountPage = lazyPage(load.account);
export const AlertsPage = lazyPage(load.alerts);
export const BoardPage = lazyPage(load.board);
export const FlowPage = lazyPage(load.flow);
export const HistoryPage = lazyPage(load.history);
export const InvitePage = lazyPage(load.invite);
export const KioskPage = lazyPage(load.kiosk);
export const LearningPage = lazyPage(load.learning);
export const LearningsPage = lazyPage(load.learnings);
export const NotFoundPage = lazyPage(load.notFound);
export const NotSpreadingPage = lazyPage(load.notSpreading);
export const ProblemPage = lazyPage(load.problem);
export const PullPage = lazyPage(load.pull);
export const ResetPasswordPage = lazyPage(load.resetPassword);
export const SettingsPage = lazyPage(load.settings);
export const SetupPage = lazyPage(load.setup);
export const SignInPage = lazyPage(load.signIn);

// The page an address opens with (app.tsx's routes, signed in; an unknown address loads nothing early).
const FIRST_PAGE: ReadonlyArray<readonly [RegExp, () => Promise<unknown>]> = [
  [/^\/(pull)?$/, load.pull],
  [/^\/board$/, load.board],
  [/^\/problems\/[^/]+$/, load.problem],
  [/^\/k\/[^/]+$/, load.kiosk],
  [/^\/flow$/, load.flow],
  [/^\/learnings$/, load.learnings],
  [/^\/learnings\/not-spreading$/, load.notSpreading],
  [/^\/learnings\/[^/]+$/, load.learning],
  [/^\/history$/, load.history],
  [/^\/settings$/, load.settings],
  [/^\/alerts$/, load.alerts],
  [/^\/account$/, load.account],
  [/^\/invite\/[^/]+$/, load.invite],
  [/^\/reset\/[^/]+$/, load.resetPassword],
  [/^\/signin$/, load.signIn],
  [/^\/setup$/, load.setup],
];

/**
 * Starts downloading the chunk of the page at this address now, beside the session check, rather
 * than once the session is known and the page is drawn (a module loads once, however often asked).
 */
export function preloadPageAt(pathname: string): void {
  const page = FIRST_PAGE.find(([pattern]) => pattern.test(pathname));
  // A failed download is the page's to report, when it asks for its chunk itself.
  page?.[1]().catch(() => undefined);
}

