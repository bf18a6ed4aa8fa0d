// Broken links in the Problems panel, in a real VS Code: from the index, as you type, across files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, minutesDiagnostics, revertAll, uiCheck, waitFor } from './helpers';

describe('broken-link diagnostics', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(revertAll);

  it('reports a GitHub URL to team minutes that never existed, without opening the file', async () => {
    const uri = fixtureUri('community-call/20261119.md');
    const d = await waitFor('a broken-link diagnostic', () => minutesDiagnostics(uri).find((x) => codeOf(x) === 'broken-link'));
    assert.equal(d.range.start.line, 11);
    assert.equal(d.range.start.character, 10);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /iaas\/20261118\.md` does not exist; did you mean `iaas\/20261119\.md`/);
  });

  it('checks GitHub URLs of another branch in <…> autolinks, and relative links', async () => {
    const weekly = minutesDiagnostics(fixtureUri('community-call/20261217.md')).map((d) => d.message);
    assert.ok(weekly.some((m) => m.includes('container/20261214-retro.md')), weekly.join('\n'));
    const team = minutesDiagnostics(fixtureUri('iaas/20261125.md')).map((d) => d.message);
    assert.ok(team.some((m) => m.includes('ops/20261124.md')), team.join('\n'));
  });

  it('does not report links that resolve', async () => {
    assert.deepEqual(minutesDiagnostics(fixtureUri('community-call/20261105.md')), []);
    assert.deepEqual(minutesDiagnostics(fixtureUri('iaas/20261202.md')), []);
  });

  it('shows a new broken link as you type and drops it when fixed, without saving', async () => {
    const uri = fixtureUri('iaas/20261104.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\nSee [old minutes](../iaas/20200101.md).\n'));
    const d = await waitFor('the typed broken link', () => minutesDiagnostics(uri).find((x) => x.message.includes('iaas/20200101.md')));
    assert.equal(doc.lineAt(d.range.start.line).text, 'See [old minutes](../iaas/20200101.md).');
    assert.equal(d.range.start.character, 'See [old minutes]('.length);
    const fixRange = d.range;
    await editor.edit((e) => e.replace(fixRange, '../iaas/20261028.md'));
    await waitFor('the fixed link to be accepted', () => !minutesDiagnostics(uri).some((x) => x.message.includes('iaas/20')));
    assert.ok(doc.isDirty, 'the document was never saved');
  });

  it('forgets typed problems when the buffer is reverted', async () => {
    const uri = fixtureUri('iaas/20261111.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '[gone](missing-file.md)\n'));
    await waitFor('the typed broken link', () => minutesDiagnostics(uri).some((x) => x.message.includes('missing-file.md')));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the reverted buffer to be checked again', () => !minutesDiagnostics(uri).some((x) => x.message.includes('missing-file.md')));
  });

  it('re-checks other files when a heading they link to changes', async () => {
    const target = fixtureUri('container/20261123.md');
    const weekly = fixtureUri('community-call/20261126.md');
    // An older weekly's warnings are in the Problems panel while it is open (attention first).
    await vscode.window.showTextDocument(weekly, { preview: false });
    await waitFor('the broken #features fragment', () => minutesDiagnostics(weekly).find((x) => x.message.includes('#features')));
    const doc = await vscode.workspace.openTextDocument(target);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const lineNo = [...Array(doc.lineCount).keys()].find((i) => /^#+ Feature list/.test(doc.lineAt(i).text));
    assert.ok(lineNo !== undefined, 'the fixture has a "Feature list" heading');
    const heading = doc.lineAt(lineNo);
    const hashes = heading.text.match(/^#+/)![0];
    await editor.edit((e) => e.replace(heading.range, `${hashes} Features`));
    await waitFor('the fragment to resolve in the weekly', () => !minutesDiagnostics(weekly).some((x) => x.message.includes('#features')));
  });

  it('follows files created and deleted on disk', async () => {
    const weekly = fixtureUri('community-call/20261119.md');
    const created = fixtureUri('iaas/20261118.md');
    await vscode.workspace.fs.writeFile(created, new TextEncoder().encode('# 2026-11-18\n\n## Participants\n'));
    try {
      await waitFor('the link to the created file to resolve', () => !minutesDiagnostics(weekly).some((x) => x.message.includes('iaas/20261118.md')));
    } finally {
      await vscode.workspace.fs.delete(created);
    }
    await waitFor('the link to the deleted file to break again', () => minutesDiagnostics(weekly).some((x) => x.message.includes('iaas/20261118.md')));
  });

  it('shows the problems in the Problems panel (UI check)', async function () {
    const uri = fixtureUri('community-call/20261119.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const result = await uiCheck('problems-panel', { file: 'community-call/20261119.md', expect: ['does not exist', 'iaas/20261118.md', 'leads out of the repository'] });
    if (result === 'skipped') this.skip();
  });
});
