import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The chart library is imported lazily (it must not run before the first API calls leave), but its
 * download need not wait: the page names it for the browser to fetch and compile meanwhile.
 */
function preloadChartLibrary(): Plugin {
  return {
    name: 'entente:preload-chart-library',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.name === 'plot-marks',
        );
        if (!chunk) return html;
        const href = `/${chunk.fileName}`;
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

/**
 * The timeline page, built to dist/web, which the API serves at `/` (WEB_DIR). `npx vite apps/web`
 * serves it with live reload against an API on port 3000 (the proxy keeps one origin, so the session
 * cookie works as it does when the API serves the page).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [preloadChartLibrary()],
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // One chart library is most of the page; splitting it would add a request, not save one.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
