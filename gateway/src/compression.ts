import compression from 'compression';
import type { Request, RequestHandler } from 'express';

/**
 * An answer that must reach the client as it is produced: incremental delivery (multipart/mixed),
 * which a compressor would hold back until its buffer fills.
 */
function mustStream(request: Request): boolean {
  return request.get('accept')?.includes('multipart/mixed') ?? false;
}

/**
 * Brotli or gzip, as the client accepts (brotli first), for every answer whose type compresses
 * (pages, scripts, styles, GraphQL JSON, CSV and JSON exports) and that is over 1 kB, never for one
 * that must stream. Nothing else changes: Cache-Control, the exports' ETag and their 304 stay as
 * they are, and `Vary: Accept-Encoding` tells shared caches to keep each encoding apart.
 */
export const compressWholeAnswers: RequestHandler = compression({
  filter: (request, response) => !mustStream(request) && compression.filter(request, response),
});
