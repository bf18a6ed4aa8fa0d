// Attention first: the Problems panel shows every error, and warnings only for recent, open or
// changed minutes; rules under the user's control (settings, .minutes.jsonc quick fixes).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MinutesApi } from '../../src/vscode/extension';
import { activateExtension, codeOf, fixtureUri, minutesDiagnostics, revertAll, uiCheck, waitFor } from './helpers';

const OLD_ERROR = 'iaas/20261125.md'; // a broken link (error), in minutes older than the recent weeks
const OLD_WARNING = 'container/20261130.md'; // a pad image (warning), older than the recent weeks
const RECENT_WARNING = 'iam/20261209.md'; // a markup warning, within the recent weeks

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  try {
    return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  } catch (e) {
    throw new Error(`code actions at ${uri.path}: ${String(e)}`);
  }
}

async function run(command: vscode.Command): Promise<void> {
  try {
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
  } catch (e) {
    throw new Error(`${command.command} ${JSON.stringify(command.arguments)}: ${String(e)}`);
  }
}

async function deleteConfigFile(api: MinutesApi): Promise<void> {
  const uri = fixtureUri('.minutes.jsonc');
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return;
  }
  await vscode.workspace.fs.delete(uri);
  await waitFor('the repository to drop the configuration', () => !api.repositories.active()?.index?.config.ignoreRules && !api.repositories.active()?.index?.config.rules);
  await api.whenIdle();
}

describe('the Problems panel shows what needs attention', () => {
  let api: MinutesApi;
  before(async () => {
    api = await activateExtension();
    await revertAll();
    await api.whenIdle();
  });
  afterEach(async () => {
    await revertAll();
    api.problemScope.setSessionScope(undefined);
    const rules = vscode.workspace.getConfiguration('minutes.rules');
    if (rules.inspect('markup')?.workspaceValue !== undefined) await rules.update('markup', undefined, vscode.ConfigurationTarget.Workspace);
    await deleteConfigFile(api);
    await api.whenIdle();
  });

  it('by default: errors everywhere, warnings only of recent minutes, the rest counted in the status bar', async () => {
    assert.equal(api.problemScope.scope(), 'attention');
    await waitFor('the old error', () => minutesDiagnostics(fixtureUri(OLD_ERROR)).some((d) => codeOf(d) === 'broken-link' && d.severity === vscode.DiagnosticSeverity.Error));
    await waitFor('the recent warning', () => minutesDiagnostics(fixtureUri(RECENT_WARNING)).some((d) => codeOf(d) === 'markup'));
    assert.deepEqual(minutesDiagnostics(fixtureUri(OLD_WARNING)).map((d) => d.message), []);
    assert.ok(api.problemScope.hiddenCount() >= 1, 'hidden findings are counted');
  });

  it('shows an old file’s warnings while it is open, and hides them when it is closed', async () => {
    const uri = fixtureUri(OLD_WARNING);
    await vscode.window.showTextDocument(uri, { preview: false });
    await waitFor('the old warning once the file is open', () => minutesDiagnostics(uri).some((d) => codeOf(d) === 'image-not-in-repo'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the old warning to be hidden once closed', () => !minutesDiagnostics(uri).some((d) => codeOf(d) === 'image-not-in-repo'));
  });

  it('shows every problem with Show All Problems, and goes back with Focus', async () => {
    const uri = fixtureUri(OLD_WARNING);
    await vscode.commands.executeCommand('minutes.showAllProblems');
    await waitFor('every warning', () => minutesDiagnostics(uri).some((d) => codeOf(d) === 'image-not-in-repo'));
    assert.equal(api.problemScope.hiddenCount(), 0);
    await vscode.commands.executeCommand('minutes.focusProblems');
    await waitFor('the old warning to be hidden again', () => !minutesDiagnostics(uri).some((d) => codeOf(d) === 'image-not-in-repo'));
  });

  it('applies the user’s rule settings, unless .minutes.jsonc sets the rule', async () => {
    const uri = fixtureUri(RECENT_WARNING);
    await waitFor('the markup warning', () => minutesDiagnostics(uri).some((d) => codeOf(d) === 'markup'));
    await vscode.workspace.getConfiguration('minutes.rules').update('markup', 'error', vscode.ConfigurationTarget.Workspace);
    await waitFor('markup as an error', () => minutesDiagnostics(uri).some((d) => codeOf(d) === 'markup' && d.severity === vscode.DiagnosticSeverity.Error));
    await vscode.workspace.getConfiguration('minutes.rules').update('markup', 'off', vscode.ConfigurationTarget.Workspace);
    await waitFor('markup off', () => !minutesDiagnostics(uri).some((d) => codeOf(d) === 'markup'));
    // The repository's file wins over the setting.
    await vscode.workspace.fs.writeFile(fixtureUri('.minutes.jsonc'), new TextEncoder().encode('{ "rules": { "markup": "info" } }\n'));
    await waitFor('markup as info, from the repository’s file', () => minutesDiagnostics(uri).some((d) => codeOf(d) === 'markup' && d.severity === vscode.DiagnosticSeverity.Information), 60_000);
  });

  it('offers "Ignore here" and "Turn off for this repository", which edit .minutes.jsonc', async () => {
    const uri = fixtureUri(RECENT_WARNING);
    await vscode.window.showTextDocument(uri);
    const d = await waitFor('the markup warning', () => minutesDiagnostics(uri).find((x) => codeOf(x) === 'markup'));
    const actions = await actionsAt(uri, d.range);
    const here = actions.find((a) => a.title.startsWith('Ignore markup here'));
    const off = actions.find((a) => a.title.startsWith('Turn off markup for this repository'));
    assert.ok(here?.command && off?.command, actions.map((a) => a.title).join('\n'));
    await run(here.command);
    await waitFor('the warning ignored in this file', () => !minutesDiagnostics(uri).some((x) => codeOf(x) === 'markup'), 60_000);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('.minutes.jsonc')));
    assert.match(text, /"ignoreRules": \{\s*"iam\/20261209\.md": \[\s*"markup"\s*\]/);
    // The new file is the learned template: everything else is still commented out.
    assert.match(text, /\/\/ "weeklyFolder": "community-call"/);
    assert.equal(api.repositories.active()?.index?.config.rules?.markup, undefined);
    // Undo restores the file as it was before the edit (the edit went through the editor).
    const other = fixtureUri('ops/20261208.md');
    await vscode.window.showTextDocument(other, { preview: false });
    const o = await waitFor('the other markup warning', () => minutesDiagnostics(other).find((x) => codeOf(x) === 'markup'));
    const offThere = (await actionsAt(other, o.range)).find((a) => a.title.startsWith('Turn off markup'));
    assert.ok(offThere?.command);
    await run(offThere.command);
    await waitFor('markup off for the repository', () => api.repositories.active()?.index?.config.rules?.markup === 'off', 60_000);
    await waitFor('no markup finding anywhere', () => !minutesDiagnostics(other).some((x) => codeOf(x) === 'markup'));
  });

  it('creates .minutes.jsonc with the learned conventions commented in', async () => {
    await vscode.commands.executeCommand('minutes.createConfiguration');
    const editor = await waitFor('the new file in the editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/.minutes.jsonc') && vscode.window.activeTextEditor);
    const text = editor.document.getText();
    assert.match(text, /\/\/ "repository": "example-org\/minutes"/);
    assert.match(text, /iaas: .*meets on Wednesdays/);
    assert.match(text, /\/\/ "broken-link": "warning"/);
    assert.ok(!editor.document.isDirty, 'the file is saved');
  });

  it('shows the focused Problems panel and its status-bar entry (UI check)', async function () {
    const uri = fixtureUri('community-call/20261119.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await api.whenIdle();
    const result = await uiCheck('problems-panel', {
      file: 'community-call/20261119.md',
      expect: ['does not exist', 'iaas/20261118.md', 'leads out of the repository', 'A space between'],
      absent: ['rack-layout.png'],
      statusbar: ['older problems hidden'],
    });
    if (result === 'skipped') this.skip();
  });
});
