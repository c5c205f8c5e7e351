import type { ApolloServer } from '@apollo/server';
import type { SubgraphService } from '@kyodo/kit';
import { Router } from 'express';
import { EXPORT_MAX_AGE_SECONDS, ExportCache, isNotModified } from './export-cache';
import { ExportProblem } from './export-problem';
import { render } from './export-render';
import { cacheKeyOf, parseExportRequest, registeredCities } from './export-request';
import { exportRows } from './export-rows';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/**
 * Researchers' exports: GET /export/<dimension>.csv|.json[?municipality=<code>][&id=<record id>].
 * Every record of a dimension through the same federated API the clients use, one row per record
 * (see export-dimensions). Parameters are checked before any query; an answer is complete or an
 * error (JSON `{error, code}`, never cached, the detail of an unexpected one only in the log); complete answers are cached for as long as clients
 * are told to keep them. Pass the cache to invalidate it when records change (ExportCache).
 */
export function exportRoutes(apollo: ApolloServer, services: readonly SubgraphService[], cache = new ExportCache()): Router {
  const registry = registeredCities(services);
  const router = Router();
  router.get('/:file', async (request, response) => {
    try {
      // The raw query, not Express's parsed one: repeated and unknown parameters must be seen.
      const parameters = new URL(request.originalUrl, 'http://export.invalid').searchParams;
      const wanted = parseExportRequest(request.params.file, parameters, registry);
      const answer = await cache.answer(cacheKeyOf(wanted), wanted.cities, async () =>
        render(wanted.dimension, await exportRows(apollo, wanted), wanted.format),
      );
      const name = ['kyodo', wanted.dimension, wanted.municipality, wanted.id].filter(Boolean).join('-');
      response
        .type(CONTENT_TYPES[wanted.format])
        .setHeader('Cache-Control', `max-age=${EXPORT_MAX_AGE_SECONDS}, public`)
        .setHeader('Age', String(cache.ageOf(answer)))
        .setHeader('ETag', answer.etag)
        .setHeader('Content-Disposition', `inline; filename="${name}.${wanted.format}"`);
      if (isNotModified(request.get('if-none-match'), answer.etag)) {
        response.status(304).end();
        return;
      }
      response.send(answer.body);
    } catch (error) {
      const problem = error instanceof ExportProblem ? error : new ExportProblem(500, 'EXPORT_FAILED', 'the export failed');
      if (problem !== error) console.error(`export ${request.originalUrl} failed:`, error);
      response.status(problem.status).setHeader('Cache-Control', 'no-store').json({ error: problem.message, code: problem.code });
    }
  });
  return router;
}
