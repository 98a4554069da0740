// The one stylesheet of every page (vite.config.ts), in this order: styles.css last, so that where it
// and a feature's file both style something, it wins, as it did when all pages were one bundle.
import './alerts/alerts.css';
import './integrations/integrations.css';
import './board/board.css';
import './learnings/learnings.css';
import './history/history.css';
import './kiosk/kiosk.css';
import './timeline/timeline.css';
import './settings/people.css';
import './settings/pull-links.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { startFirstPageData } from './pages/first-page-data.ts';
import { preloadPageAt } from './pages/lazy-pages.ts';
import { SessionProvider, startSessionCheck } from './session/session-context.tsx';

startSessionCheck();
preloadPageAt(window.location.pathname);
startFirstPageData(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);

// Lets the pull page open from the kept shell when the network or the server is down (see service-worker.ts).
// Browsers only allow it on https and on localhost; elsewhere Andon works as before, online only.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/service-worker.js').catch(() => undefined);
  });
}
