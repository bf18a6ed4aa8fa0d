// Commands that belong to the extension as a whole (category "Minutes").
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import { conventionsReport } from '../core/conventionsReport';
import { COMMAND } from './commandIds';

/** Show Conventions opens a read-only document of this scheme: it never asks to be saved. */
export const CONVENTIONS_SCHEME = 'minutes-conventions';

/** The Problems panel's link for a rule: a command that opens its page as a rendered preview. */
export function ruleDocLink(rule: string): vscode.Uri {
  return vscode.Uri.parse(`command:${COMMAND.showRuleDoc}?${encodeURIComponent(JSON.stringify([rule]))}`);
}

export function registerCommands(repositories: Repositories, log: vscode.OutputChannel, extensionUri?: vscode.Uri): vscode.Disposable {
  const conventions = new vscode.EventEmitter<vscode.Uri>();
  return vscode.Disposable.from(
    conventions,
    vscode.workspace.registerTextDocumentContentProvider(CONVENTIONS_SCHEME, {
      onDidChange: conventions.event,
      provideTextDocumentContent: (uri) => {
        const repo = repositories.all().find((r) => r.folder.name === decodeURIComponent(uri.query)) ?? repositories.active();
        return repo?.index ? conventionsReport(repo.index) : '# Minutes conventions\n\nNo minutes indexed yet.\n';
      },
    }),
    vscode.commands.registerCommand(COMMAND.showRuleDoc, async (rule: string) => {
      if (!extensionUri || typeof rule !== 'string' || !/^[a-z-]+$/.test(rule)) return;
      // The page rendered, not the extension's Markdown file opened for editing.
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${rule}.md`));
    }),
    vscode.commands.registerCommand(COMMAND.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', 'minutes-workbench.minutes-workbench#gettingStarted', false),
    ),
    vscode.commands.registerCommand(COMMAND.reindex, async () => {
      if (!vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showInformationMessage('Minutes: open a folder with minutes (team/YYYYMMDD.md files) first.');
        return;
      }
      if (repositories.all().length === 0) repositories.start();
      else await repositories.reindex();
      const found = repositories.all().some((r) => r.state === 'ready');
      if (!found) void vscode.window.showInformationMessage('Minutes: no minutes found in this workspace (no dated files such as team/YYYYMMDD.md).');
    }),
    vscode.commands.registerCommand(COMMAND.showLog, () => log.show(true)),
    vscode.commands.registerCommand(COMMAND.showConventions, async () => {
      const repo = repositories.active();
      if (!repo?.index) {
        void vscode.window.showInformationMessage('Minutes: no minutes in this workspace yet, so no conventions to show.');
        return;
      }
      const uri = vscode.Uri.from({ scheme: CONVENTIONS_SCHEME, path: '/Minutes Conventions.md', query: encodeURIComponent(repo.folder.name) });
      conventions.fire(uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
  );
}
