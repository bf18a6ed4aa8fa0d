// When a file moves: every link to it (GitHub URLs included) rewritten for its new place, in the
// form each link was written; and the moved file's own relative links adjusted.
import type { MinutesIndex } from './index';
import type { TextEdit } from './diagnostics';
import { rewriteDestination, fragmentOf } from './linkEdit';

export interface FileEdits {
  path: string;
  edits: TextEdit[];
}

/**
 * Edits that keep links working after `from` moves to `to` (call before the index learns of the
 * move). Links inside the moved file are edited at their current path, `from`.
 */
export function linkEditsForMove(index: MinutesIndex, from: string, to: string): FileEdits[] {
  const byFile = new Map<string, TextEdit[]>();
  const add = (path: string, edit: TextEdit) => {
    let list = byFile.get(path);
    if (!list) byFile.set(path, (list = []));
    list.push(edit);
  };
  const moveOf = (path: string) => (path === from ? to : path.startsWith(`${from}/`) ? to + path.slice(from.length) : undefined);
  // Links to the moved file (or to files below a moved folder); a file already gone (moved outside)
  // is still the target its linkers name.
  const below = index.hasFile(from) ? [] : [...index.markdownFiles()].map((f) => f.path).filter((p) => p.startsWith(`${from}/`));
  const movedPaths = below.length ? below : [from];
  for (const target of movedPaths) {
    for (const { from: source, link } of index.backlinks(target)) {
      const resolved = index.resolve(source, link);
      // Links in comments too: a rename that left them stale would leave a broken pointer behind.
      if (resolved.kind !== 'internal') continue;
      const sourceAfter = moveOf(source) ?? source;
      const newTarget = moveOf(resolved.path)!;
      const destination = rewriteDestination(link, sourceAfter, newTarget, fragmentOf(link.raw));
      if (destination !== link.raw) add(source, { range: link.range, newText: destination });
    }
  }
  // Relative links inside moved files, whose base changes.
  for (const path of movedPaths) {
    const file = index.get(path);
    if (!file) continue;
    const newPath = moveOf(path)!;
    for (const link of file.doc.links) {
      const resolved = index.resolve(path, link);
      if (resolved.kind !== 'internal' || resolved.via !== 'relative' || resolved.path === path || moveOf(resolved.path)) continue;
      const destination = rewriteDestination(link, newPath, resolved.path, fragmentOf(link.raw));
      if (destination !== link.raw && !(byFile.get(path) ?? []).some((e) => e.range.start.line === link.range.start.line && e.range.start.character === link.range.start.character)) {
        add(path, { range: link.range, newText: destination });
      }
    }
  }
  return [...byFile.entries()].map(([path, edits]) => ({ path, edits })).sort((a, b) => (a.path < b.path ? -1 : 1));
}
