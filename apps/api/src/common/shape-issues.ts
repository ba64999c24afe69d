import type { FieldIssue } from '@entente/common';
import type { ValidationError } from 'class-validator';

/**
 * class-validator's findings as field issues, with paths as the domain writes them (`sources[0].kind`).
 * A missing field says it is missing, not every other rule it then also breaks.
 */
export function shapeIssues(errors: readonly ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const constraints = error.constraints ?? {};
    const messages =
      'isDefined' in constraints ? [constraints.isDefined] : Object.values(constraints);
    // One issue a field: every rule it breaks, in one message.
    const own = messages.length > 0 ? [{ field, message: messages.join('; ') }] : [];
    return [...own, ...shapeIssues(error.children ?? [], field)];
  });
}
