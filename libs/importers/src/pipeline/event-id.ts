import { parse as uuidBytes, v5 as uuidv5 } from 'uuid';

/** The namespace of every imported fact's id: UUIDv5 of this URL in the URL namespace. */
export const IMPORT_NAMESPACE = uuidv5('https://entente.dev/import', uuidv5.URL);

/** Parsed once: uuid would parse a namespace given as text on every call. */
const NAMESPACE_BYTES = uuidBytes(IMPORT_NAMESPACE);

/**
 * A fact's id from the dataset and the dataset's own key for the row, so that importing a file twice, or
 * again after a crash, addresses the same facts. ICEWS reuses event ids across its files, so its key is the
 * id together with the event date.
 */
export function importedEventId(dataset: string, ...key: readonly string[]): string {
  return uuidv5(`${dataset}:${key.join(':')}`, NAMESPACE_BYTES);
}
