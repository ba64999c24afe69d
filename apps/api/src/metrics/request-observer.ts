import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import type { Metrics } from './metrics';

/** A route pattern, never the URL: labels and logs stay bounded and carry no identifiers or queries. */
function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : '(unmatched)';
}

/**
 * Counts and times every request, and logs it at info when `log` is given: method, route, status,
 * duration and the key's principal name (never the key). Mounted first, so that requests refused by the
 * body parser or a guard count too; observed when the response closes, so that a live stream counts
 * when it ends.
 */
export function observeRequests(metrics: Metrics, log?: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const labels = {
        method: req.method,
        route: routeOf(req),
        status: res.headersSent ? String(res.statusCode) : 'aborted',
      };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      log?.info(
        {
          ...labels,
          durationMs: Math.round(seconds * 10_000) / 10,
          principal: (req as AuthenticatedRequest).principal?.name ?? null,
        },
        `${labels.method} ${labels.route} ${labels.status}`,
      );
    });
    next();
  };
}
