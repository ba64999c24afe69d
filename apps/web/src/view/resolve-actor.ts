import type { Actor } from '../api/types';

export type Resolution =
  { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string };

/** A code, a name, or a unique part of a name, as typed; never a guess between several. */
export function resolveActor(actors: readonly Actor[], typed: string): Resolution {
  const text = typed.trim();
  if (text === '') return { ok: false, message: 'type a name or a code' };
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  const byCode = actors.find((a) => a.code === upper);
  if (byCode) return { ok: true, code: byCode.code };
  const named = /\(([A-Z0-9-]+)\)\s*$/.exec(text)?.[1];
  if (named && actors.some((a) => a.code === named)) return { ok: true, code: named };
  const exact = actors.filter((a) => a.name.toLowerCase() === lower);
  if (exact.length === 1) return { ok: true, code: exact[0].code };
  const partial = actors.filter((a) => a.name.toLowerCase().includes(lower));
  if (partial.length === 1) return { ok: true, code: partial[0].code };
  if (partial.length === 0) return { ok: false, message: `no actor matches “${text}”` };
  const some = partial
    .slice(0, 4)
    .map((a) => `${a.name} (${a.code})`)
    .join(', ');
  return {
    ok: false,
    message: `“${text}” matches ${partial.length}: ${some}${partial.length > 4 ? '…' : ''}`,
  };
}
