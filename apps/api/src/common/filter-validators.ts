import { EVENT_TYPES, isActorCodeFormat, isChannelSlug } from '@entente/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A query parameter naming an actor: the domain's code format (whether it is known is the handler's check). */
export const IsActorCode = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isActorCode',
      validator: {
        validate: (value) => typeof value === 'string' && isActorCodeFormat(value),
        defaultMessage: (args) =>
          `${String(args?.value)} is not an actor code (2 to 40 uppercase letters and digits in hyphen-separated words, e.g. COL or EGMONT)`,
      },
    },
    options,
  );

/** A channel: open, so any lowercase slug, but a slug. */
export const IsChannel = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isChannel',
      validator: {
        validate: (value) => typeof value === 'string' && isChannelSlug(value),
        defaultMessage: (args) =>
          `${String(args?.value)} is not a channel: a lowercase slug of at most 40 characters, e.g. intelligence`,
      },
    },
    options,
  );

/** A list of event types from the catalog, plus `extra` names a route adds (the live feed's `relation`). */
export const IsEventTypeList = (extra: readonly string[] = [], options?: ValidationOptions) => {
  const known = new Set<string>([...EVENT_TYPES, ...extra]);
  return ValidateBy(
    {
      name: 'isEventTypeList',
      validator: {
        validate: (value) =>
          Array.isArray(value) && value.every((t) => typeof t === 'string' && known.has(t)),
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          const unknown = (Array.isArray(value) ? value : [value]).filter(
            (t: unknown) => typeof t !== 'string' || !known.has(t),
          );
          return `${unknown.map(String).join(', ')} ${unknown.length > 1 ? 'are not event types' : 'is not an event type'}; one of ${[...known].join(', ')}`;
        },
      },
    },
    options,
  );
};
