import { ValidationError, type FieldIssue } from '@entente/common';
import type { NextFunction, Request, Response } from 'express';

/** Deeper than any body the API takes (a batch's source's location is 6 levels down). */
export const MAX_JSON_DEPTH = 32;

/** Keys that name an object's prototype machinery: no DTO has them, and a merge could be poisoned by them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a parsed JSON body before anything transforms it: class-transformer recurses per level and
 * overflows the stack on deep nesting, and it silently drops `__proto__` and `constructor` where any other
 * unknown field is refused. Iterative, so that the check itself cannot overflow.
 */
export function jsonShapeIssues(body: unknown, maxDepth = MAX_JSON_DEPTH): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 1 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) {
      return [{ field: 'body', message: `is nested deeper than ${maxDepth} levels` }];
    }
    const entries = Array.isArray(value)
      ? value.map((item, i) => [`${path}[${i}]`, item] as const)
      : Object.keys(value).map((key) => {
          const field = path ? `${path}.${key}` : key;
          if (PROTOTYPE_KEYS.has(key))
            issues.push({ field, message: `property ${key} should not exist` });
          return [field, (value as Record<string, unknown>)[key]] as const;
        });
    for (const [field, item] of entries) stack.push({ value: item, path: field, depth: depth + 1 });
  }
  return issues.sort((a, b) => a.field.localeCompare(b.field));
}

/** Express middleware, mounted right after the JSON body parser. */
export function jsonShapeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const issues = jsonShapeIssues(req.body);
  // Every body the API takes is an object; the validators, given a list, report a field named `undefined`.
  if (issues.length === 0 && Array.isArray(req.body)) {
    issues.push({ field: 'body', message: 'must be a JSON object, not a list' });
  }
  next(issues.length > 0 ? ValidationError.of(issues) : undefined);
}
