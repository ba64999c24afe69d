import { useCallback, useMemo } from 'preact/hooks';
import type { Actor } from '../api/types';
import { useApi } from '../api/use-api';
import { useViewState } from '../view/use-view-state';
import { today } from '../view/view-state';
import { AuditDialog } from './audit-dialog';
import { Legend } from './legend';
import { PairPicker } from './pair-picker';
import { PairView } from './pair-view';

interface Props {
  readonly sessionName: string;
  readonly onSignOut: () => void;
}

export function TimelinePage({ sessionName, onSignOut }: Props) {
  const [view, update] = useViewState();
  const actorList = useApi<{ actors: Actor[] }>('/v1/actors', 0, true);
  const actors = useMemo(
    () => new Map((actorList.data?.actors ?? []).map((a) => [a.code, a])),
    [actorList.data],
  );
  const at = view.at ?? today(new Date());
  const closeAudit = useCallback(() => update({ fact: null }), [update]);

  return (
    <>
      <header class="top">
        <h1>Entente timeline</h1>
        <p class="who">
          Reading as <strong>{sessionName}</strong>{' '}
          <button type="button" class="link" onClick={onSignOut}>
            Forget the key
          </button>
        </p>
      </header>
      <main>
        <PairPicker
          actors={actorList.data?.actors ?? []}
          actor={view.actor}
          target={view.target}
          onPick={(actor, target) => update({ actor, target, fact: null }, { push: true })}
        />
        {view.actor && view.target && view.actor !== view.target ? (
          <PairView
            key={`${view.actor}|${view.target}`}
            actor={view.actor}
            target={view.target}
            view={view}
            at={at}
            actors={actors}
            update={update}
          />
        ) : (
          <p class="help">
            Pick two actors, by name or code, to see how their relationship changed in both
            directions, and what was known of it when.
          </p>
        )}
        <Legend />
      </main>
      {view.fact && (
        <AuditDialog
          key={view.fact}
          eventId={view.fact}
          knownAt={view.knownAt}
          actors={actors}
          onClose={closeAudit}
        />
      )}
    </>
  );
}
