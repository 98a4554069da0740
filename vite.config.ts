import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      // ws: true so the /api/live websocket upgrade is forwarded too.
      '/api': { target: server, ws: true },
      '/healthz': { target: server },
    },
  },
});
