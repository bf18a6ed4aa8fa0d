// Quick fixes where a maintainer expects them: the team's link replaces "Minutes: None yet", and a
// link that only lacks `.md` gets it added. A broken GitHub link says where Ctrl+click goes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, minutesDiagnostics, revertAll, waitFor } from './helpers';

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

describe('quick-fix gaps', () => {
  before(activateExtension);
  afterEach(revertAll);

  it('replaces "Minutes: None yet" with the team’s link instead of adding a second Minutes: line', async () => {
    const uri = fixtureUri('community-call/20261217.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    // An earlier test's edits are reverted a moment after it ends.
    await waitFor('the file as on disk', () => !doc.isDirty);
    const editor = await vscode.window.showTextDocument(doc);
    const line = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text.includes('blob/main/iaas/20261216.md'))!;
    await editor.edit((e) => e.replace(doc.lineAt(line).range, 'Minutes: None yet'));
    // The findings of this very text (the light bulb waits for them too).
    let actions: vscode.CodeAction[] = [];
    const fix = await waitFor('the fix that replaces the line', async () => {
      const d = minutesDiagnostics(uri).find((x) => codeOf(x) === 'weekly-team-link' && x.message.includes('iaas/20261216.md'));
      actions = d ? await actionsAt(uri, d.range) : [];
      return actions.find((a) => a.title.includes('replacing “Minutes: None yet”'));
    });
    assert.ok(fix.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(!actions.some((a) => a.title === 'Add the link to `iaas/20261216.md`'), 'no fix that adds a second line');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(line).text, 'Minutes: <https://github.com/example-org/minutes/blob/main/iaas/20261216.md>');
    assert.equal((doc.getText().match(/^Minutes:/gm) ?? []).length, 4);
  });

  it('adds `.md` to a link that only lacks it', async () => {
    const uri = fixtureUri('community-call/20261217.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    // An earlier test's edits are reverted a moment after it ends.
    await waitFor('the file as on disk', () => !doc.isDirty);
    const editor = await vscode.window.showTextDocument(doc);
    const line = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text.includes('blob/main/iam/20261216.md'));
    assert.ok(line !== undefined, doc.getText());
    const text = doc.lineAt(line).text;
    await editor.edit((e) => e.replace(doc.lineAt(line).range, text.replace('20261216.md', '20261216')));
    const fix = await waitFor('the fix that adds .md', async () => {
      const d = minutesDiagnostics(uri).find((x) => codeOf(x) === 'broken-link' && x.message.includes('lacks `.md`'));
      return d && (await actionsAt(uri, d.range)).find((a) => a.title === 'Add `.md`: link `iam/20261216.md`');
    });
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(line).text, text);
  });

  it('says on a broken same-repository GitHub link that Ctrl+click opens GitHub, and its link goes there', async () => {
    const uri = fixtureUri('community-call/20261217.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitFor('the file as on disk', () => !doc.isDirty);
    const editor = await vscode.window.showTextDocument(doc);
    const line = [...Array(doc.lineCount).keys()].find((l) => /blob\/main\/iam\/20261216(\.md)?>/.test(doc.lineAt(l).text));
    assert.ok(line !== undefined, doc.getText());
    await editor.edit((e) => e.replace(doc.lineAt(line).range, doc.lineAt(line).text.replace(/iam\/20261216(\.md)?>/, 'iam/20261299.md>')));
    const problem = await waitFor('the broken link is reported', () => minutesDiagnostics(uri).find((d) => codeOf(d) === 'broken-link' && d.message.includes('iam/20261299.md')));
    const at = problem.range.start.translate(0, 12);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /not in this folder/);
    assert.match(text, /opens it on GitHub, not a local file/);
    assert.doesNotMatch(text, /local copy|opens the local file/);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
    const ours = links.filter((l) => l.range.contains(at) && l.tooltip);
    assert.ok(ours.length, 'a link with a tooltip');
    for (const l of ours) {
      assert.equal(l.target?.authority, 'github.com');
      assert.match(l.tooltip!, /Open on GitHub/);
    }
    // A link whose file is here keeps opening the local copy.
    const good = links.find((l) => l.tooltip?.includes('local copy'));
    assert.ok(good && good.target?.scheme !== 'https', 'an existing target opens locally');
  });
});
