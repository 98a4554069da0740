/// <reference lib="webworker" />
// Keeps the app's shell (index.html and its hashed bundles) so that the pull page opens, and takes
// pulls into its queue, even when the page is reloaded while the network or the server is down.
// Never touches /api: answers always come from the server, and queued pulls are the page's job.

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = 'andon-shell-v1';
const SHELL = '/index.html';

// Every chunk of the build that made this worker, written in by the build (vite.config.ts): pages are
// chunks of their own, loaded when first opened, and not named in index.html.
declare const __ANDON_ASSETS__: readonly string[];

/** The files a shell needs: its `/assets/…` bundles, every page's chunk, and the icon. */
function filesOf(html: string): string[] {
  return [...new Set([...(html.match(/\/assets\/[^"'\s)]+/g) ?? []), ...__ANDON_ASSETS__]), '/favicon.svg'];
}

/** Stores a fresh shell with everything it uses, and drops bundles no shell uses any more. */
async function keepShell(response: Response): Promise<void> {
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  const files = filesOf(html);
  await Promise.all(files.map(async (file) => {
    if (!(await cache.match(file))) await cache.add(file);
  }));
  await cache.put(SHELL, response);
  for (const request of await cache.keys()) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/assets/') && !files.includes(pathname)) await cache.delete(request);
  }
}

sw.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch(SHELL, { cache: 'no-cache' });
    if (response.ok) await keepShell(response);
    await sw.skipWaiting();
  })());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

async function page(event: FetchEvent): Promise<Response> {
  try {
    const response = await fetch(event.request);
    // Every route of the app is the same index.html: a fresh one replaces the kept shell, after the
    // page has its answer (the worker is kept alive until that is done).
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      event.waitUntil(keepShell(response.clone()).catch(() => undefined));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(SHELL);
    if (kept) return kept;
    throw error;
  }
}

async function bundle(request: Request): Promise<Response> {
  // Hashed names never change content: a kept copy is always right.
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    await caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/') && url.pathname !== '/healthz') event.respondWith(page(event));
  else if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') event.respondWith(bundle(request));
});

// A click on an alert's notification opens its problem: in a tab of Andon that is open, or a new one.
// The page listens for `andon.open` (web/src/alerts/alerts-context.tsx); the worker imports nothing,
// since a shared module would become a chunk the worker cannot load.
sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { path?: unknown } | null;
  const path = typeof data?.path === 'string' && data.path.startsWith('/') ? data.path : '/';
  event.waitUntil((async () => {
    const url = new URL(path, sw.location.origin).href;
    const tabs = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const tab = tabs.find((client) => new URL(client.url).origin === sw.location.origin);
    if (tab) {
      // The page moves to the problem itself (no reload, so its live connection stays).
      tab.postMessage({ type: 'andon.open', path });
      await tab.focus();
      return;
    }
    await sw.clients.openWindow(url);
  })());
});
