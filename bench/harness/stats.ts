/** Median of the finite numbers in `values`; null when there are none. */
export function median(values: readonly (number | null)[]): number | null {
  const sorted = finite(values).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function minimum(values: readonly (number | null)[]): number | null {
  const present = finite(values);
  return present.length === 0 ? null : Math.min(...present);
}

export function maximum(values: readonly (number | null)[]): number | null {
  const present = finite(values);
  return present.length === 0 ? null : Math.max(...present);
}

/** Nearest-rank percentile (p in 0..100) of `values`; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

function finite(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}
