// Context-menu commands on minutes items in the views: open to the side, reveal in the Explorer,
// copy the GitHub URL or a relative link.
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import { githubUrl, relativeLink } from '../core/github';
import { COMMAND } from './commandIds';

/** Tree items carry their file as `resourceUri`; commands from the editor pass a URI. */
function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (arg && typeof arg === 'object') {
    const node = arg as { path?: unknown; target?: unknown; resourceUri?: unknown };
    if (node.resourceUri instanceof vscode.Uri) return node.resourceUri;
  }
  return vscode.window.activeTextEditor?.document.uri;
}

export function registerItemCommands(repositories: Repositories, resolveNode: (node: unknown) => vscode.Uri | undefined): vscode.Disposable {
  const target = (arg: unknown) => resolveNode(arg) ?? uriOf(arg);
  const locate = (arg: unknown) => {
    const uri = target(arg);
    const repo = uri && repositories.forUri(uri);
    const path = repo && uri ? repo.workspace.pathOf(uri) : undefined;
    return uri && repo && path ? { uri, repo, path } : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMAND.openToSide, async (arg: unknown) => {
      const uri = target(arg);
      if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }),
    vscode.commands.registerCommand(COMMAND.revealInExplorer, async (arg: unknown) => {
      const uri = target(arg);
      if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
    }),
    vscode.commands.registerCommand(COMMAND.copyGithubUrl, async (arg: unknown) => {
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
    vscode.commands.registerCommand(COMMAND.copyRelativeLink, async (arg: unknown) => {
      const found = locate(arg);
      if (!found) return;
      const active = vscode.window.activeTextEditor?.document.uri;
      const from = active && found.repo.workspace.pathOf(active);
      const link = from && from !== found.path ? relativeLink(from, found.path) : found.path;
      await vscode.env.clipboard.writeText(link);
      vscode.window.setStatusBarMessage(`Copied ${link}`, 3000);
    }),
  );
}
