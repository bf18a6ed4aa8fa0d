// Commands that belong to the extension as a whole (category "Minutes").
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import { conventionsReport } from '../core/conventionsReport';

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
    vscode.commands.registerCommand('minutes.showConventions', async () => {
      const repo = repositories.active();
      if (!repo?.index) {
        void vscode.window.showInformationMessage('Minutes: no minutes in this workspace yet, so no conventions to show.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: conventionsReport(repo.index) });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
  );
}
