import { NotFoundError, ValidationError, type FieldIssue } from '@entente/common';
import { isActorCodeFormat, isIsoCountry } from '@entente/domain';
import { ActorRegistryQueries } from '@entente/projections';
import { Injectable } from '@nestjs/common';

/** A path or a filter naming an actor must name a known one: an ISO 3166 government or a registered actor. */
@Injectable()
export class KnownActors {
  constructor(private readonly registry: ActorRegistryQueries) {}

  /** For a path: 400 for a malformed code, 404 for one that names nothing. */
  assertKnown(...codes: string[]): void {
    for (const code of codes) {
      if (!isActorCodeFormat(code)) {
        throw ValidationError.of([{ field: 'code', message: `${code} is not an actor code` }]);
      }
      if (!this.isKnown(code)) {
        throw new NotFoundError(`no actor ${code}: not an ISO 3166 government, nor registered`, {
          actor: code,
        });
      }
    }
  }

  /** For filters (format checked by their DTO): a 400 naming each parameter that names no actor. */
  assertKnownFilters(filters: Readonly<Record<string, string | undefined>>): void {
    const issues: FieldIssue[] = Object.entries(filters)
      .filter(([, code]) => code !== undefined && !this.isKnown(code))
      .map(([field, code]) => ({
        field,
        message: `${code} names no known actor: not an ISO 3166 government, nor registered`,
      }));
    if (issues.length > 0) throw ValidationError.of(issues);
  }

  private isKnown(code: string): boolean {
    return isIsoCountry(code) || this.registry.get(code) !== undefined;
  }
}
