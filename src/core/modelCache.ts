// What parse caches share on every platform: the model version their entries belong to, the key of
// a file's text, and the lookup interface. Pure: the extension's Node and web hosts and the CLI use it.
import type { MinutesDocument } from './model';
import { hash64 } from './parse';

/** Bump when the model or the parser changes what it produces: old caches are then ignored. */
export const MODEL_VERSION = 'model-12';

/** A store of parsed models by content key (see {@link contentKey}). */
export interface ModelCache {
  lookup(key: string): MinutesDocument | undefined;
  store(key: string, doc: MinutesDocument): void;
}

/** The cache key of a file's text: its content hash and length. */
export function contentKey(text: string): string {
  return hash64(text) + ':' + text.length;
}
