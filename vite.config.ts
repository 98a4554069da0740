import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
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
