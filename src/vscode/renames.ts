// Moving minutes keeps links working: a rename in VS Code (Explorer, refactoring) updates every link
// to the file across the repository, GitHub URLs included, in the same undoable operation; a move
// made outside (`git mv`, seen as a delete and a create of the same content) is offered as an update.
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import { linkEditsForMove } from '../core/moves';
import { isMarkdownPath } from '../core/paths';
import { toRange } from './convert';

export function registerRenames(repositories: Repositories): vscode.Disposable {
  // Renames made in VS Code already carry their link updates; the watcher's echo of them is not a move outside.
  const renamedHere = new Set<string>();
  return vscode.Disposable.from(
    vscode.workspace.onWillRenameFiles((event) => {
      for (const f of event.files) {
        renamedHere.add(f.newUri.toString());
        setTimeout(() => renamedHere.delete(f.newUri.toString()), 10_000);
      }
      if (!vscode.workspace.isTrusted) return;
      const work = (async () => {
        const combined = new vscode.WorkspaceEdit();
        let count = 0;
        for (const { oldUri, newUri } of event.files) {
          const repo = repositories.forUri(oldUri);
          const from = repo?.workspace.pathOf(oldUri);
          const to = repo?.workspace.pathOf(newUri);
          if (!repo?.index || !from || !to) continue;
          if (!repo.index.hasFile(from) && !repo.index.hasFolder(from)) continue;
          if (repo.index.hasFile(from) && !isMarkdownPath(from) && repo.index.backlinks(from).length === 0) continue;
          const files = linkEditsForMove(repo.index, from, to);
          for (const f of files) {
            for (const e of f.edits) {
              combined.replace(repo.uri(f.path), toRange(e.range), e.newText, { label: `Update links to ${from}`, needsConfirmation: false });
              count++;
            }
          }
        }
        return count ? combined : new vscode.WorkspaceEdit();
      })();
      event.waitUntil(work);
    }),
    // A move outside VS Code: the same content deleted at one path and created at another.
    repositories.onDidMoveOutside(async ({ repository, from, to }) => {
      if (!vscode.workspace.isTrusted || !repository.index || renamedHere.has(repository.uri(to).toString())) return;
      const files = linkEditsForMove(repository.index, from, to).filter((f) => f.path !== to);
      const n = files.reduce((k, f) => k + f.edits.length, 0);
      if (n === 0) return;
      const choice = await vscode.window.showInformationMessage(`Minutes: ${from} moved to ${to}. Update the ${n} link${n === 1 ? '' : 's'} to it?`, 'Update Links', 'Preview', 'Not Now');
      if (choice !== 'Update Links' && choice !== 'Preview') return;
      const edit = new vscode.WorkspaceEdit();
      for (const f of files) for (const e of f.edits) edit.replace(repository.uri(f.path), toRange(e.range), e.newText, { label: `Update links to ${from}`, needsConfirmation: choice === 'Preview' });
      await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    }),
  );
}
