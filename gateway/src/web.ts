import { existsSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '@kyodo/kit';
import express, { type Request, type Response, Router } from 'express';

/** Where `npm run build` puts the dashboard, GraphiQL, the embed page and widgets.js (see dashboard/). */
export const DASHBOARD_DIST = path.join(repositoryRoot, 'dashboard', 'dist');

/**
 * Every page loads from this origin only, so the hub works where the internet is not reachable, and
 * an injected script from elsewhere could not run. Inline styles: GraphiQL's editor and the widgets'
 * shadow roots set them; workers: GraphiQL's editor starts them from its own assets.
 */
const SAME_ORIGIN_ONLY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

type Page = 'index.html' | 'graphiql.html' | 'embed.html';

/** HTML is revalidated on every visit so that a new build shows at once; its assets have hashed names. */
function sendPage(response: Response, page: Page, framing: 'self' | 'anyone') {
  const file = path.join(DASHBOARD_DIST, page);
  if (!existsSync(file)) {
    response.status(503).type('text/plain').send('The dashboard is not built yet: run `npm run build`.\n');
    return;
  }
  response.set({ 'Cache-Control': 'no-cache', ...pageHeaders(framing) });
  response.sendFile(file);
}

/** The headers every HTML page of the hub is sent with. */
export function pageHeaders(framing: 'self' | 'anyone'): Record<string, string> {
  return {
    'Content-Security-Policy': `${SAME_ORIGIN_ONLY}; frame-ancestors ${framing === 'anyone' ? '*' : "'self'"}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}

/** A browser opening /graphql (no operation, HTML wanted) gets GraphiQL; API clients get Apollo. */
function wantsGraphiQL(request: Request): boolean {
  return request.accepts(['application/json', 'text/html']) === 'text/html' && !('query' in request.query) && !('extensions' in request.query);
}

/** The dashboard, GraphiQL, widgets and embeds (see dashboard/); mounted before /graphql. */
export function webRoutes(): Router {
  const router = Router();
  // The dashboard's pages are one page that reads its path: a city's page and a comparison.
  router.get(['/', '/city/:code', '/compare'], (_request, response) => sendPage(response, 'index.html', 'self'));
  router.get('/graphql', (request, response, next) => (wantsGraphiQL(request) ? sendPage(response, 'graphiql.html', 'self') : next()));
  // Partner sites frame these pages, so any origin may.
  router.get(['/embed', '/embed/{*widget}'], (_request, response) => sendPage(response, 'embed.html', 'anyone'));
  router.get('/widgets.js', (_request, response) => {
    const file = path.join(DASHBOARD_DIST, 'widgets.js');
    if (!existsSync(file)) {
      response.status(503).type('text/plain').send('// widgets.js is not built yet: run `npm run build`.\n');
      return;
    }
    // Partners include this stable URL, so it may be cached only briefly; a new build reaches them within minutes.
    response.set({ 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' });
    response.sendFile(file);
  });
  router.use('/assets', express.static(path.join(DASHBOARD_DIST, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use('/assets', (_request, response) => {
    response.status(404).type('text/plain').send('No such asset: the page may be from an older build; reload it.\n');
  });
  return router;
}
