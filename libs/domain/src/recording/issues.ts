import { ValidationError, type FieldIssue } from '@entente/common';

/** Collects every bad field, so that one response lists them all rather than the first. */
export class Issues {
  private readonly list: FieldIssue[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw this.toError();
  }

  toError(): ValidationError {
    return ValidationError.of(this.list);
  }
}

export const isPresent = <T>(value: T | null | undefined): value is T =>
  value !== undefined && value !== null;

export const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);
