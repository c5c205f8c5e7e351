import type { SubgraphService } from '@kyodo/kit';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { EXPORT_MAX_AGE_SECONDS, type ExportCache, type ExportLease, isNotModified } from './export-cache';
import { ExportProblem } from './export-problem';
import { exportText } from './export-render';
import { cacheKeyOf, exportRegistry, parseExportRequest } from './export-request';
import type { ExportReader } from './export-rows';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/**
 * Researchers' exports: GET /export/<dimension>.csv|.json[?municipality=<code>][&id=<record id>].
 * Every record of a dimension through the same federated API the clients use, one row per record
 * (see export-dimensions), of one municipality or of the whole registry, self-run and hosted.
 * Parameters are checked before any query. An answer is complete or an error (JSON `{error, code}`,
 * never cached, the detail of an unexpected one only in the log): the body is written to the
 * cache's file as the rows are read, a batch at a time, and sent only once complete. Complete
 * answers are cached for as long as clients are told to keep them; pass the cache to invalidate it
 * when records change (ExportCache).
 */
export function exportRoutes(reader: ExportReader, services: readonly SubgraphService[], cache: ExportCache): Router {
  const registry = exportRegistry(services);
  const router = Router();
  router.get('/:file', async (request, response) => {
    let lease: ExportLease | undefined;
    try {
      // The raw query, not Express's parsed one: repeated and unknown parameters must be seen.
      const parameters = new URL(request.originalUrl, 'http://export.invalid').searchParams;
      const wanted = parseExportRequest(request.params.file, parameters, registry);
      lease = await cache.answer(cacheKeyOf(wanted), wanted.subgraphs, async (write) => {
        const text = exportText(wanted.dimension, wanted.format);
        await write(text.start);
        for await (const rows of reader.rows(wanted)) await write(text.rows(rows));
        await write(text.end());
      });
      const name = ['kyodo', wanted.dimension, wanted.municipality, wanted.id].filter(Boolean).join('-');
      response
        .type(CONTENT_TYPES[wanted.format])
        .setHeader('Cache-Control', `max-age=${EXPORT_MAX_AGE_SECONDS}, public`)
        .setHeader('Age', String(cache.ageOf(lease)))
        .setHeader('ETag', lease.etag)
        .setHeader('Content-Disposition', `inline; filename="${name}.${wanted.format}"`);
      if (isNotModified(request.get('if-none-match'), lease.etag)) {
        response.status(304).end();
        return;
      }
      response.setHeader('Content-Length', String(lease.bytes));
      await pipeline(lease.body(), response);
    } catch (error) {
      // The body had begun: the client, gone or cut off, sees an incomplete transfer, never a complete-looking file.
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const problem = error instanceof ExportProblem ? error : new ExportProblem(500, 'EXPORT_FAILED', 'the export failed');
      if (problem !== error) console.error(`export ${request.originalUrl} failed:`, error);
      response.status(problem.status).setHeader('Cache-Control', 'no-store').json({ error: problem.message, code: problem.code });
    } finally {
      lease?.release();
    }
  });
  return router;
}
