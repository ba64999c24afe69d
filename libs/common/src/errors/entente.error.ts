/**
 * The small, stable set of failures that cross layers. The HTTP layer maps each `code` to one status in a
 * single global filter, so libraries never know about HTTP.
 */
export type ErrorCode = 'validation' | 'not-found' | 'conflict' | 'forbidden';

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export abstract class EntenteError extends Error {
  abstract readonly code: ErrorCode;

  protected constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends EntenteError {
  readonly code = 'validation';

  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message, { issues });
  }

  static of(issues: readonly FieldIssue[]): ValidationError {
    const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return new ValidationError(summary || 'invalid input', issues);
  }
}

export class NotFoundError extends EntenteError {
  readonly code = 'not-found';

  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message, details);
  }
}

export class ConflictError extends EntenteError {
  readonly code = 'conflict';

  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message, details);
  }
}

export class ForbiddenError extends EntenteError {
  readonly code = 'forbidden';

  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message, details);
  }
}
