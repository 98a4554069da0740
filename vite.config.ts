import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes the list of the build's hashed files into the service worker (its `__ANDON_ASSETS__`), so it
 * keeps every page's chunk for offline use, not only the ones index.html names.
 */
function serviceWorkerAssets(): Plugin {
  return {
    name: 'andon-service-worker-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle).filter((file) => file.startsWith('assets/') && /\.(js|css)$/.test(file)).map((file) => `/${file}`);
      const worker = bundle['service-worker.js'] as (typeof bundle)[string] | undefined;
      if (worker?.type !== 'chunk' || !worker.code.includes('__ANDON_ASSETS__')) {
        this.error('service-worker.js does not use __ANDON_ASSETS__');
      }
      worker.code = worker.code.replaceAll('__ANDON_ASSETS__', JSON.stringify(assets.sort()));
    },
  };
}

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'web',
  plugins: [react(), serviceWorkerAssets()],
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
