import { useCallback, useEffect, useState } from 'preact/hooks';
import { readView, writeView, type ViewState } from './view-state';

export type UpdateView = (change: Partial<ViewState>, how?: { push?: boolean }) => void;

/**
 * The view lives in the address bar: changes replace the entry (dragging a slider makes no history),
 * a new pair or an opened audit pushes one, so Back returns to the previous view.
 */
export function useViewState(): [ViewState, UpdateView] {
  const [view, setView] = useState(() => readView(location.search));
  useEffect(() => {
    const onPop = () => setView(readView(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback<UpdateView>((change, how = {}) => {
    setView((current) => {
      const next = { ...current, ...change };
      const url = `${location.pathname}${writeView(next)}`;
      if (how.push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
      return next;
    });
  }, []);
  return [view, update];
}
