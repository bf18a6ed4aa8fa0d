// `.minutes.jsonc` from the editor: Create Configuration File (learned conventions commented in),
// and the quick fixes "Turn off <rule> for this repository" / "Ignore <rule> here", each one
// undoable WorkspaceEdit of the file, saved so the repository re-reads it.
import * as vscode from 'vscode';
import type { Edit } from 'jsonc-parser';
import { CONFIG_FILE } from '../core/config';
import { applyEdits, configurationTemplate, ignoreRuleEdits, turnOffRuleEdits } from '../core/configTemplate';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import { COMMAND } from './commandIds';

export interface ConfigureRuleArgs {
  folder: string;
  rule: string;
  /** With a path: ignore the rule in that file; without: turn it off for the repository. */
  path?: string;
}

async function configText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function offsetsToEdit(uri: vscode.Uri, text: string, edits: Edit[], edit: vscode.WorkspaceEdit): void {
  const positionAt = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return new vscode.Position(before.length - 1, before[before.length - 1].length);
  };
  for (const e of edits) edit.replace(uri, new vscode.Range(positionAt(e.offset), positionAt(e.offset + e.length)), e.content);
}

/** Turns a rule off (or ignores it in one file) in the repository's `.minutes.jsonc`, creating it if needed. */
export async function configureRule(repo: MinutesRepository, args: ConfigureRuleArgs): Promise<boolean> {
  const uri = repo.uri(CONFIG_FILE);
  const existing = await configText(uri);
  const text = existing ?? (repo.index ? configurationTemplate(repo.index) : '{\n}\n');
  const edits = args.path ? ignoreRuleEdits(text, args.rule, args.path) : turnOffRuleEdits(text, args.rule);
  const edit = new vscode.WorkspaceEdit();
  if (existing === undefined) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), applyEdits(text, edits));
  } else {
    if (!edits.length) return false;
    offsetsToEdit(uri, text, edits, edit);
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return false;
  const doc = await vscode.workspace.openTextDocument(uri);
  await doc.save();
  return true;
}

export function registerConfigFile(repositories: Repositories): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMAND.createConfiguration, async () => {
      const repo = repositories.active();
      if (!repo) {
        void vscode.window.showInformationMessage('Minutes: open a folder of minutes first.');
        return;
      }
      const uri = repo.uri(CONFIG_FILE);
      if ((await configText(uri)) === undefined) {
        const edit = new vscode.WorkspaceEdit();
        edit.createFile(uri, { ignoreIfExists: true });
        edit.insert(uri, new vscode.Position(0, 0), repo.index ? configurationTemplate(repo.index) : '{\n}\n');
        await vscode.workspace.applyEdit(edit);
        await (await vscode.workspace.openTextDocument(uri)).save();
      }
      await vscode.window.showTextDocument(uri);
    }),
    vscode.commands.registerCommand(COMMAND.configureRule, async (args: ConfigureRuleArgs) => {
      const repo = repositories.all().find((r) => r.folder.uri.toString() === args.folder);
      if (repo) await configureRule(repo, args);
    }),
  );
}
