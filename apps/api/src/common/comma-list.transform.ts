import { Transform } from 'class-transformer';

/** A query parameter given as `a,b`, or repeated (`?type=a&type=b`), read as one list. */
export const CommaList = () =>
  Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter(Boolean),
  );
