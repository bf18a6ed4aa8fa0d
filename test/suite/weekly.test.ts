// Link This Week's Team Minutes applies what it shows, and finds a team's section under another
// spelling or a longer heading (`SIG Standardisation & Certification` for sig-standardization/).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, revertAll, uiCheck, waitFor } from './helpers';

describe('Link This Week’s Team Minutes', () => {
  /** The file as it was on disk, written back after the test whatever happened to it. */
  let restore: { uri: vscode.Uri; bytes: Uint8Array } | undefined;
  before(activateExtension);
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await revertAll();
    if (restore) await vscode.workspace.fs.writeFile(restore.uri, restore.bytes);
    restore = undefined;
  });

  it('lists every change ticked, and Enter applies them all (UI check)', async function () {
    const uri = fixtureUri('community-call/20261126.md');
    restore = { uri, bytes: await vscode.workspace.fs.readFile(uri) };
    const doc = await vscode.workspace.openTextDocument(uri);
    // An earlier test's edits are reverted a moment after it ends.
    await waitFor('the file as on disk', () => !doc.isDirty);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => {
      for (let l = doc.lineCount - 1; l >= 0; l--) {
        const text = doc.lineAt(l).text;
        if (/^Minutes:/.test(text)) e.delete(doc.lineAt(l).rangeIncludingLineBreak);
        else if (text === '### SIG Standardization') e.replace(doc.lineAt(l).range, '### SIG Standardisation & Certification');
      }
    });
    assert.ok(!/^Minutes:/m.test(doc.getText()));
    const running = vscode.commands.executeCommand('minutes.linkThisWeeksTeamMinutes', uri);
    const result = await uiCheck('link-weekly', { expect: ['IaaS: link iaas/20261125.md', 'link sig-standardization/20261126.md'] });
    if (result === 'skipped') {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await running;
      this.skip();
    }
    await running;
    const text = await waitFor('the links to come back', () => (/^Minutes:/m.test(doc.getText()) ? doc.getText() : undefined));
    for (const file of ['iaas/20261125.md', 'container/20261123.md', 'ops/20261126.md', 'iam/20261125.md', 'sig-standardization/20261126.md']) {
      assert.ok(text.includes(`<https://github.com/example-org/minutes/blob/main/${file}>`), `${file} in\n${text}`);
    }
    // Linked under the differently spelt heading, not in a new section.
    assert.match(text, /### SIG Standardisation & Certification\n\nMinutes: <https:\/\/github\.com\/example-org\/minutes\/blob\/main\/sig-standardization\/20261126\.md>/);
    assert.ok(!/### Team Sig/i.test(text), text);
  });
});

describe('writing a weekly: min-team', () => {
  before(activateExtension);
  afterEach(revertAll);

  it('offers the missing team’s section from the learned teams, in the weekly’s link form, with no placeholder', async () => {
    const uri = fixtureUri('community-call/20261126.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    // An earlier test's edits are reverted a moment after it ends.
    await waitFor('the file as on disk', () => !doc.isDirty);
    const editor = await vscode.window.showTextDocument(doc);
    // Without the IaaS section, `min-team` at the end offers it.
    const start = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text === '### Team IaaS')!;
    const end = [...Array(doc.lineCount).keys()].find((l) => l > start && doc.lineAt(l).text.startsWith('### '))!;
    await editor.edit((e) => e.delete(new vscode.Range(start, 0, end, 0)));
    const last = doc.lineCount - 1;
    await editor.edit((e) => e.insert(doc.lineAt(last).range.end, '\nmin-te'));
    const pos = doc.lineAt(doc.lineCount - 1).range.end;
    // The index follows the buffer a moment after the edit.
    const items = await waitFor('the min-team completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
      const found = list.items.filter((i) => typeof i.label === 'object' && i.label.label.startsWith('### ') && i.label.description?.startsWith('min-team'));
      return found.length ? found : undefined;
    });
    assert.equal(items.length, 1);
    const snippet = (items[0].insertText as vscode.SnippetString).value;
    assert.equal(snippet, '### Team IaaS\n\nMinutes: <https://github.com/example-org/minutes/blob/main/iaas/20261125.md>\n\n- $0');
    assert.doesNotMatch(snippet, /ORG|\$\{/);
  });

  it('warns about a link left with the ORG placeholder, and fixes it', async () => {
    const uri = fixtureUri('community-call/20261217.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitFor('the file as on disk', () => !doc.isDirty);
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\n\nMinutes: <https://github.com/ORG/minutes/blob/main/iaas/20261216.md>\n'));
    const line = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text.includes('github.com/ORG/'))!;
    const d = await waitFor('the placeholder warning', () => vscode.languages.getDiagnostics(uri).find((x) => x.source === 'minutes' && x.message.includes('placeholder `ORG`')));
    const fix = await waitFor('the fix', async () => ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? []).find((a) => a.title === 'Replace `ORG` with `example-org`'));
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(line).text, 'Minutes: <https://github.com/example-org/minutes/blob/main/iaas/20261216.md>');
  });
});
