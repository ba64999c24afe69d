import { useEffect, useState } from 'preact/hooks';
import type { Actor } from '../api/types';
import { resolveActor } from '../view/resolve-actor';

interface Props {
  readonly actors: readonly Actor[];
  readonly actor: string | null;
  readonly target: string | null;
  readonly onPick: (actor: string, target: string) => void;
}

/** Two actors by name or code; the browser's own suggestion list does the searching as one types. */
export function PairPicker({ actors, actor, target, onPick }: Props) {
  const [from, setFrom] = useState(actor ?? '');
  const [to, setTo] = useState(target ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  // Some 260 suggestions: written into the page when someone is about to type, not on every load.
  const [suggesting, setSuggesting] = useState(false);
  useEffect(() => {
    setFrom(actor ?? '');
    setTo(target ?? '');
  }, [actor, target]);

  const submit = (event: Event) => {
    event.preventDefault();
    const a = resolveActor(actors, from);
    const b = resolveActor(actors, to);
    if (!a.ok || !b.ok) {
      setProblem(!a.ok ? `From: ${a.message}` : `To: ${(b as { message: string }).message}`);
      return;
    }
    if (a.code === b.code) {
      setProblem('Pick two different actors');
      return;
    }
    setProblem(null);
    onPick(a.code, b.code);
  };

  return (
    <form class="pair-picker" onSubmit={submit} aria-label="Pair">
      <datalist id="actor-options">
        {suggesting && actors.map((a) => <option key={a.code} value={a.code} label={a.name} />)}
      </datalist>
      <label>
        From
        <input
          name="actor"
          list="actor-options"
          value={from}
          placeholder="Colombia or COL"
          autocomplete="off"
          onFocus={() => setSuggesting(true)}
          onInput={(e) => setFrom(e.currentTarget.value)}
        />
      </label>
      <button
        type="button"
        class="swap"
        aria-label="Swap the two actors"
        onClick={() => {
          setFrom(to);
          setTo(from);
        }}
      >
        ⇄
      </button>
      <label>
        To
        <input
          name="target"
          list="actor-options"
          value={to}
          placeholder="United States or USA"
          autocomplete="off"
          onFocus={() => setSuggesting(true)}
          onInput={(e) => setTo(e.currentTarget.value)}
        />
      </label>
      <button type="submit">Show</button>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
