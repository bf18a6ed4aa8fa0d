// The acceptance on the web, on a copy of the real minutes repository (the launcher's corpus
// session; skipped with a reason when the corpus is not there): the weekly of 2023-04-27 links its
// four teams' minutes as local files, and a broken link gets a problem as it is typed, without saving.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, minutesDiagnostics, revertAll, waitFor, workspaceFolder } from '../helpers';
import type { MinutesApi } from '../../../src/vscode/extension';

describe('corpus on the web (a copy of the minutes repository)', () => {
  let api: MinutesApi;
  before(async () => {
    api = await activateExtension();
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

  it('indexes the whole repository from scratch without stalling the extension host', async () => {
    // Without its parse cache the build parses every file, here on the extension host, in slices.
    const repo = api.repositories.all()[0];
    await repo.cacheWritten();
    const storage = vscode.Uri.parse(api.cacheFolder!);
    for (const [name] of await vscode.workspace.fs.readDirectory(storage)) {
      if (name.startsWith('parsed-')) await vscode.workspace.fs.delete(vscode.Uri.joinPath(storage, name));
    }
    // A timer that runs whenever the event loop is free: while files parse in slices it keeps running;
    // a build that parsed in one go would starve it until the end. (Wall-clock stalls on a shared
    // machine say more about the machine than about the code: logged, not asserted.)
    let last = performance.now();
    let longest = 0;
    let turnsWhileIndexing = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (repo.state === 'indexing') turnsWhileIndexing++;
    }, 5);
    try {
      await vscode.commands.executeCommand('minutes.reindex');
      await api.whenIdle();
    } finally {
      clearInterval(timer);
    }
    const build = repo.lastBuild!;
    console.log(`web build of the corpus: ${JSON.stringify(build)}; ${turnsWhileIndexing} timer turns while indexing; longest stall ${Math.round(longest)} ms`);
    assert.equal(build.outcome, 'ready');
    assert.ok(build.markdownFiles > 500, JSON.stringify(build));
    // Every file parsed (files with the same text share one model), nothing from a stored cache.
    assert.equal(build.cacheEntries ?? 0, 0);
    assert.equal(build.parsed + build.cacheHits, build.markdownFiles, JSON.stringify(build));
    assert.ok(turnsWhileIndexing >= build.parsed / 10, `the event loop had ${turnsWhileIndexing} free turns while ${build.parsed} files parsed`);
  });
});
