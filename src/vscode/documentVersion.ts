// Whether something computed from the index (a link's target, a finding and its fix) is about the
// text a document holds now: the index read the file either from disk or from an editor version.
import type * as vscode from 'vscode';

/**
 * True when `indexedVersion` (the editor version the index read; undefined: the text on disk) is the
 * document's current text.
 */
export function isCurrentText(indexedVersion: number | undefined, document: vscode.TextDocument): boolean {
  return indexedVersion === undefined ? !document.isDirty : indexedVersion === document.version;
}
