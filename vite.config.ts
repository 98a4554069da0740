import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes the list of the build's hashed files into the service worker (its `__ANDON_ASSETS__`), so it
 * keeps every page's chunk for offline use, not only the ones index.html names.
 */
function serviceWorkerAssets(): Plugin {
  return {
    name: 'andon-service-worker-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && /\.(js|css)$/.test(file))
        .map((file) => `/${file}`);
      const worker = bundle['service-worker.js'] as (typeof bundle)[string] | undefined;
      if (worker?.type !== 'chunk' || !worker.code.includes('__ANDON_ASSETS__')) {
        this.error('service-worker.js does not use __ANDON_ASSETS__');
      }
      worker.code = worker.code.replaceAll('__ANDON_ASSETS__', JSON.stringify(assets.sort()));
    },
  };
}

const server = 'http://127.0.0.1:3000';

/**
 * The web app runs on Preact through preact/compat: the app and its libraries (react-markdown, recharts,
 * wouter, @tanstack/react-virtual) still import React's names, and each is answered by Preact's. React DOM
 * was most of the shell's script and of its evaluation as a page loads (bench/README, "Lighthouse").
 * Exact matches only, so `react-markdown` or `react-is` are not caught by `react`.
 */
const preactAliases = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
];

export default defineConfig({
  root: 'web',
  resolve: { alias: preactAliases },
  // JSX compiles to the automatic runtime's `react/jsx-runtime`, answered by Preact's above. No React plugin:
  // its Fast Refresh patches React DOM's internals, which Preact does not have.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [serviceWorkerAssets()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // One stylesheet, in the order the files are imported, as before pages were split into chunks:
    // a page's rules keep their place in the cascade, and moving to a page never waits for its CSS.
    cssCodeSplit: false,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('web/index.html', import.meta.url)),
        // A service worker's scope is the folder it is served from: it must live at the root, under a fixed name.
        'service-worker': fileURLToPath(new URL('web/src/service-worker.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'service-worker' ? 'service-worker.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      // ws: true so the /api/live websocket upgrade is forwarded too.
      '/api': { target: server, ws: true },
      '/healthz': { target: server },
    },
  },
});
