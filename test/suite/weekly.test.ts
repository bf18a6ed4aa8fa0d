// Link This Week's Team Minutes applies what it shows, and finds a team's section under another
// spelling or a longer heading (`SIG Standardisation & Certification` for sig-standardization/).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, revertAll, uiCheck, waitFor } from './helpers';

describe('Link This Week’s Team Minutes', () => {
  before(activateExtension);
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await revertAll();
  });

  it('lists every change ticked, and Enter applies them all (UI check)', async function () {
    const uri = fixtureUri('community-call/20261126.md');
    const doc = await vscode.workspace.openTextDocument(uri);
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
