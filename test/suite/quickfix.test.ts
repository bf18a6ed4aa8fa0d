// Quick fixes through the real code-action API: the light bulb's fixes, "Fix all", undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, minutesDiagnostics, revertAll, uiCheck, waitFor } from './helpers';

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

describe('quick fixes', () => {
  before(activateExtension);
  afterEach(revertAll);

  it('replaces a link to minutes that never existed with the team’s nearest minutes, in one undo step', async () => {
    const uri = fixtureUri('community-call/20261119.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const d = await waitFor('the broken link', () => minutesDiagnostics(uri).find((x) => codeOf(x) === 'broken-link'));
    const actions = await actionsAt(uri, d.range);
    const fix = actions.find((a) => a.title === 'Link `iaas/20261119.md` instead');
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(doc.lineAt(d.range.start.line).text, /blob\/main\/iaas\/20261119\.md>/);
    await waitFor('the diagnostic to go', () => !minutesDiagnostics(uri).some((x) => codeOf(x) === 'broken-link'));
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before, 'one undo restores the text');
  });

  it('offers the closest heading for a broken fragment', async () => {
    const uri = fixtureUri('community-call/20261126.md');
    // The linked file as on disk (an earlier test edits its heading and reverts it).
    const target = await vscode.workspace.openTextDocument(fixtureUri('container/20261123.md'));
    assert.ok(!target.isDirty && target.getText().includes('Feature list'));
    await vscode.window.showTextDocument(uri);
    const d = await waitFor('the broken fragment', () => minutesDiagnostics(uri).find((x) => x.message.includes('#features')));
    const fix = (await actionsAt(uri, d.range)).find((a) => a.title.includes('#feature-list'));
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the fragment to resolve', () => !minutesDiagnostics(uri).some((x) => x.message.includes('#feature')));
  });

  it('fixes every safe problem of a file with source.fixAll.minutes', async () => {
    const uri = fixtureUri('ops/20261208.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor('the markup problem', () => minutesDiagnostics(uri).find((x) => codeOf(x) === 'markup'));
    const all = await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.minutes');
    assert.equal(all.length, 1, all.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(all[0].edit!));
    assert.ok(doc.getText().includes('\n## Agenda'));
    await waitFor('markup and missing-section to go', () => !minutesDiagnostics(uri).some((x) => codeOf(x) === 'markup' || codeOf(x) === 'missing-section'));
  });

  it('switches a GitHub URL to a relative link and back', async () => {
    const uri = fixtureUri('community-call/20261105.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.includes('https://github.com/example-org/minutes/blob/main/iaas/'));
    assert.ok(line !== undefined);
    const at = new vscode.Range(line, doc.lineAt(line).text.indexOf('https://') + 10, line, doc.lineAt(line).text.indexOf('https://') + 10);
    const toRelative = (await actionsAt(uri, at, 'refactor.rewrite')).find((a) => a.title === 'Use a relative link');
    assert.ok(toRelative?.edit);
    assert.ok(await vscode.workspace.applyEdit(toRelative.edit));
    assert.match(doc.lineAt(line).text, /\.\.\/iaas\/\d{8}\.md/);
  });

  it('shows the fix in the light bulb menu (UI check)', async function () {
    const uri = fixtureUri('community-call/20261119.md');
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const d = await waitFor('the broken link', () => minutesDiagnostics(uri).find((x) => codeOf(x) === 'broken-link'));
    editor.selection = new vscode.Selection(d.range.start.translate(0, 30), d.range.start.translate(0, 30));
    editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
    const result = await uiCheck('quick-fix', { file: 'community-call/20261119.md', expect: ['Link `iaas/20261119.md` instead'] });
    if (result === 'skipped') this.skip();
  });
});
