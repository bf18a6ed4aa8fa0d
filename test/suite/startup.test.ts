// The open file first: on a first index, the visible minutes editors get their problems from the
// listing and their own parse before the index is complete, and none of them is false.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, minutesDiagnostics, revertAll } from './helpers';

describe('the open file first', () => {
  afterEach(revertAll);

  it('publishes the active file\'s problems before the index is built, and only true ones', async () => {
    const api = await activateExtension();
    const repo = api.repositories.all()[0];
    assert.ok(repo?.index, 'the fixture is indexed');
    const uri = fixtureUri('iaas/20261111.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // A missing file (known from the listing), a heading of another file (not known before that file
    // is parsed: never reported early) and a missing heading of this file.
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '[gone](missing-file.md) [far](20261028.md#no-such-heading) [near](#no-such-heading-here)\n'));
    // The edit reaches the index after the typing delay; its problems (the other file's heading
    // among them) are published before the index is dropped, so no late publish of the old index
    // can pass for an early one.
    const deadline = Date.now() + 20_000;
    while (!minutesDiagnostics(uri).some((d) => d.message.includes('#no-such-heading`'))) {
      assert.ok(Date.now() < deadline, `the edit's problems were published (${JSON.stringify(minutesDiagnostics(uri).map((d) => d.message))})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await api.whenIdle();
    }
    // What the Problems panel holds for the file while there is no index, read at each repository
    // event (the publisher answers them synchronously; VS Code's own diagnostics event comes later,
    // debounced, when the index may be there already). Before the build the file's problems include
    // the other file's heading: a reading without it is a publish made while indexing.
    const readings: string[][] = [];
    const read = () => {
      if (!repo.index) readings.push(minutesDiagnostics(uri).map((d) => d.message));
    };
    const listeners = [repo.onDidChange(read), repo.onDidChangeState(read), vscode.languages.onDidChangeDiagnostics(read)];
    try {
      // As on activation: no index yet.
      repo.index = undefined;
      await repo.build();
      await api.whenIdle();
    } finally {
      for (const l of listeners) l.dispose();
    }
    const first = { messages: readings.find((r) => !r.some((m) => m.includes('#no-such-heading`'))) ?? [] };
    assert.ok(first.messages.length, `the file's problems were published while indexing, with nothing about a heading of an unparsed file (${JSON.stringify(readings)})`);
    assert.ok(first.messages.some((m) => m.includes('missing-file.md')), `the missing file is known from the listing (${JSON.stringify(readings)})`);
    assert.ok(first.messages.some((m) => m.includes('no-such-heading-here')), 'its own headings are known from its parse');
    const final = minutesDiagnostics(uri).map((d) => d.message);
    for (const m of first.messages) assert.ok(final.includes(m), `the early problem "${m}" is one the index reports too`);
    assert.ok(final.some((m) => m.includes('no-such-heading') && m.includes('20261028.md')), 'the index then adds the other file\'s heading');
    const build = repo.lastBuild!;
    assert.equal(build.outcome, 'ready');
    assert.equal(build.openFiles, 1);
    assert.ok(build.openFilesMs !== undefined && build.openFilesMs <= build.indexMs, `open file at ${build.openFilesMs} ms, index at ${build.indexMs} ms`);
  });
});
