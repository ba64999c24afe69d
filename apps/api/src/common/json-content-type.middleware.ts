import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A body the JSON parser would skip (plain `curl -d` sends application/x-www-form-urlencoded) would reach
 * the routes empty, and be answered with the rules an empty body breaks: say what is wrong instead.
 */
export function jsonContentType(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 ||
    req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'] ?? '';
  if (hasBody && !JSON_TYPE.test(type)) {
    next(
      new UnsupportedMediaTypeException(
        `the body must be JSON, sent with Content-Type: application/json (got ${type || 'none'}); with curl: -H 'Content-Type: application/json'`,
      ),
    );
    return;
  }
  next();
}
