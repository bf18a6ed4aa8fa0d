// Context-menu commands on minutes items in the views: open to the side, reveal in the Explorer,
// copy the GitHub URL or a relative link.
import * as vscode from 'vscode';
import { activePathIn, type Repositories } from './repositories';
import { fileOfNode, type MinutesViewNode } from './views/viewNode';
import { githubUrl, relativeLink } from '../core/github';
import { COMMAND } from './commandIds';

/** What a command gets: a view's node (context menu), a URI (editor menus), or nothing (Command Palette). */
type ItemTarget = MinutesViewNode | vscode.Uri | undefined;

export function registerItemCommands(repositories: Repositories): vscode.Disposable {
  // A view's node names a file by its path in the active repository; anything else is the active editor's file.
  const target = (arg: ItemTarget): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    const path = arg && fileOfNode(arg);
    const repo = path ? repositories.active() : undefined;
    return repo && path ? repo.uri(path) : vscode.window.activeTextEditor?.document.uri;
  };
  const locate = (arg: ItemTarget) => {
    const uri = target(arg);
    return uri ? repositories.fileOf(uri) : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMAND.openToSide, async (arg: ItemTarget) => {
      const uri = target(arg);
      if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }),
    vscode.commands.registerCommand(COMMAND.revealInExplorer, async (arg: ItemTarget) => {
      const uri = target(arg);
      if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
    }),
    vscode.commands.registerCommand(COMMAND.copyGithubUrl, async (arg: ItemTarget) => {
      const found = locate(arg);
      if (!found?.repo.index) return;
      const url = githubUrl(found.repo.index, found.path);
      if (!url) {
        void vscode.window.showInformationMessage('Minutes: the repository’s GitHub address is not known (no git remote on GitHub, and no file links to it).');
        return;
      }
      await vscode.env.clipboard.writeText(url);
      vscode.window.setStatusBarMessage(`Copied ${url}`, 3000);
    }),
    vscode.commands.registerCommand(COMMAND.copyRelativeLink, async (arg: ItemTarget) => {
      const found = locate(arg);
      if (!found) return;
      const from = activePathIn(found.repo);
      const link = from && from !== found.path ? relativeLink(from, found.path) : found.path;
      await vscode.env.clipboard.writeText(link);
      vscode.window.setStatusBarMessage(`Copied ${link}`, 3000);
    }),
  );
}
