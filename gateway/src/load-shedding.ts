import type { RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';

const busy = (response: Response, retryAfterSeconds: number, message: string, code: string) => {
  response.setHeader('Retry-After', String(retryAfterSeconds));
  response.json({ errors: [{ message, extensions: { code } }] });
};

/**
 * At most `maxInFlight` requests are served at once; the next ones wait for a slot, but no longer
 * than `maxWaitMs`, and are then refused with 503 and Retry-After. A burst far beyond capacity
 * costs the gateway a bounded amount of memory and answers quickly, instead of queueing until
 * every client has given up.
 */
export function inFlightBound({ maxInFlight, maxWaitMs }: { maxInFlight: number; maxWaitMs: number }): RequestHandler {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const retryAfter = Math.max(1, Math.ceil(maxWaitMs / 1000));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  return (_request, response, next) => {
    const admit = () => {
      response.once('close', release);
      next();
    };
    if (inFlight < maxInFlight) {
      inFlight++;
      return admit();
    }
    // A slot passes straight from a finished request to the first waiting one.
    const waiter = () => {
      clearTimeout(timer);
      response.off('close', gaveUp);
      admit();
    };
    const gaveUp = () => {
      clearTimeout(timer);
      const place = waiting.indexOf(waiter);
      if (place !== -1) waiting.splice(place, 1);
    };
    const timer = setTimeout(() => {
      gaveUp();
      response.off('close', gaveUp);
      response.status(503);
      busy(response, retryAfter, `the hub is busy: ${maxInFlight} requests are being answered; try again in ${retryAfter} s`, 'SERVER_BUSY');
    }, maxWaitMs);
    // A client that leaves while waiting gives its place up.
    response.once('close', gaveUp);
    waiting.push(waiter);
  };
}

/**
 * Per-client rate limit of the public API (express-rate-limit, keyed by address): `perMinute`
 * requests in each one-minute window, then 429 with Retry-After and the standard RateLimit headers.
 * Undefined when off (0).
 */
export function perClientRateLimit(perMinute: number): RequestHandler | undefined {
  if (perMinute === 0) return undefined;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, response, _next, options) => {
      const retryAfter = String(response.getHeader('Retry-After') ?? '60');
      response.status(options.statusCode);
      busy(response, Number(retryAfter), `too many requests: at most ${perMinute} a minute from one address; try again in ${retryAfter} s`, 'RATE_LIMITED');
    },
  });
}
