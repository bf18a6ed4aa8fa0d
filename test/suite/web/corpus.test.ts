// The acceptance on the web, on a copy of the real minutes repository (the launcher's corpus
// session; skipped with a reason when the corpus is not there): the weekly of 2023-04-27 links its
// four teams' minutes as local files, and a broken link gets a problem as it is typed, without saving.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, minutesDiagnostics, revertAll, waitFor, workspaceFolder } from '../helpers';

describe('corpus on the web (a copy of the minutes repository)', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(revertAll);

  const WEEKLY = 'community-call/20230427.md';
  const TEAMS = ['iaas/20230426.md', 'container/20230424.md', 'ops/20230427.md', 'iam/20230426.md'];

  it('shows the weekly’s four team links as local files', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri(WEEKLY));
    await vscode.window.showTextDocument(doc);
    const links = await waitFor('the weekly’s document links', async () => {
      const all = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
      const local = all.filter((l) => l.target?.scheme === workspaceFolder().uri.scheme && TEAMS.some((t) => l.target!.path.endsWith('/' + t)));
      return local.length >= TEAMS.length && local;
    });
    for (const team of TEAMS) {
      const link = links.find((l) => l.target!.path.endsWith('/' + team));
      assert.ok(link, team);
      assert.match(doc.getText(link.range), new RegExp(`^https://github\\.com/[^/]+/[^/]+/blob/main/${team.replace(/[./]/g, '\\$&')}$`));
      assert.equal(link.target!.with({ fragment: '' }).toString(), fixtureUri(team).toString());
    }
  });

  it('reports a broken link as it is typed, without saving', async () => {
    const uri = fixtureUri(WEEKLY);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\nMinutes: [IaaS](../iaas/20230425.md)\n'));
    const d = await waitFor('the typed broken link', () => minutesDiagnostics(uri).find((x) => codeOf(x) === 'broken-link' && x.message.includes('iaas/20230425.md')));
    assert.ok(doc.isDirty, 'not saved');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  });
});
