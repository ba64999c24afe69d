/**
 * A transaction-file position as the server compares them: commit first, then prepare. Every event the
 * double stores is self-committed, like every gRPC append on a real server, so an event sits at (p, p).
 */
export interface TfPosition {
  readonly commit: number;
  readonly prepare: number;
}

/** What the server uses for "no position yet": below every record. */
export const HEAD_OF_TF: TfPosition = { commit: -1, prepare: -1 };

export function compareTf(a: TfPosition, b: TfPosition): number {
  return a.commit - b.commit || a.prepare - b.prepare;
}

export function at(position: number): TfPosition {
  return { commit: position, prepare: position };
}

export function parseTf(commit: string, prepare: string): TfPosition {
  return { commit: Number(commit), prepare: Number(prepare) };
}
