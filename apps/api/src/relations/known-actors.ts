import { NotFoundError, ValidationError } from '@entente/common';
import { isActorCodeFormat, isIsoCountry } from '@entente/domain';
import { ActorRegistryQueries } from '@entente/projections';
import { Injectable } from '@nestjs/common';

/** A path naming an actor must name a known one: an ISO 3166 government or a registered actor. */
@Injectable()
export class KnownActors {
  constructor(private readonly registry: ActorRegistryQueries) {}

  assertKnown(...codes: string[]): void {
    for (const code of codes) {
      if (!isActorCodeFormat(code)) {
        throw ValidationError.of([{ field: 'code', message: `${code} is not an actor code` }]);
      }
      if (!isIsoCountry(code) && !this.registry.get(code)) {
        throw new NotFoundError(`no actor ${code}: not an ISO 3166 government, nor registered`, {
          actor: code,
        });
      }
    }
  }
}
