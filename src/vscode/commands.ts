// Commands that belong to the extension as a whole (category "Minutes").
import * as vscode from 'vscode';
import type { Repositories } from './repositories';

export function registerCommands(repositories: Repositories, log: vscode.OutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('minutes.reindex', async () => {
      if (!vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showInformationMessage('Minutes: open a folder with minutes (team/YYYYMMDD.md files) first.');
        return;
      }
      if (repositories.all().length === 0) repositories.start();
      else await repositories.reindex();
      const found = repositories.all().some((r) => r.state === 'ready');
      if (!found) void vscode.window.showInformationMessage('Minutes: no minutes found in this workspace (no dated files such as team/YYYYMMDD.md).');
    }),
    vscode.commands.registerCommand('minutes.showLog', () => log.show(true)),
  );
}
