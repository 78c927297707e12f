import { defineConfig } from 'vite';

// The storefront is served by the API's own Express app (src/storefront.ts) from web/dist.
// `npm run dev:web` proxies the API to a server started with `npm run dev` on port 4000.
export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // One small bundle; modulepreload's inline polyfill would need 'unsafe-inline'.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000', '/api': 'http://localhost:4000' },
  },
  // React's production build whatever NODE_ENV the build runs under (jest sets "test").
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
}));
