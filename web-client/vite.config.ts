import { defineConfig } from 'vitest/config';

const server = 'http://localhost:8080';

export default defineConfig({
  // sockjs-client is CommonJS written for browserify, which provided `global`.
  define: { global: 'globalThis' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    proxy: {
      '/api': server,
      '/health': server,
      '/eventbus': { target: server, ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
