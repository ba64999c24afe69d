import type { ActorRole, Agent } from '@entente/domain';
import type { SkipReason } from './skip-reason';

/** One side of a coded row, resolved to an actor Entente knows (an ISO state or a listed body), or not. */
export type Side =
  | {
      readonly ok: true;
      readonly code: string;
      readonly role: ActorRole | null;
      readonly agent: Agent | null;
      /** How the row names it, for the summary. */
      readonly label: string;
    }
  | { readonly ok: false; readonly reason: SkipReason; readonly detail: string };

export function sideSkipped(reason: SkipReason, detail: string): Side {
  return { ok: false, reason, detail };
}
