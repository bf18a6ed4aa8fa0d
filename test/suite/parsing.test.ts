// Parsing off the extension host's thread, and the parse cache in workspace storage: a second open
// parses only what changed, and parser threads give exactly the findings of parsing in place.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { promises as storage } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EXTENSION_ID, activateExtension, fixtureUri, workspaceFolder } from './helpers';
import { ParserThreads } from '../../src/vscode/parserThreads';
import { buildIndex } from '../../src/core/build';
import { attentionFindings } from '../../src/core/attention';
import { checkFile } from '../../src/core/check';
import { VscodeWorkspace } from '../../src/vscode/vscodeWorkspace';
import type { MinutesDiagnostic } from '../../src/core/diagnostics';
import type { MinutesApi } from '../../src/vscode/extension';
import type { MinutesRepository } from '../../src/vscode/repository';

describe('parsing on threads and the workspace-storage parse cache', () => {
  let api: MinutesApi;
  let repo: MinutesRepository;

  before(async () => {
    api = await activateExtension();
    repo = api.repositories.all().find((r) => r.folder.uri.toString() === workspaceFolder().uri.toString())!;
    assert.ok(repo?.index, 'the fixture repository is indexed');
  });

  /** Re-indexes from scratch, as a reopened window would: the index is rebuilt and the cache read from storage. */
  async function reopen() {
    const before = api.metrics.builds.length;
    await vscode.commands.executeCommand('minutes.reindex');
    await api.whenIdle();
    assert.ok(api.metrics.builds.length > before, 'a new build ran');
    return repo.lastBuild!;
  }

  it('parses on parser threads, with the same findings as parsing on this thread', async () => {
    // The extension's builds parsed what was not cached on its parser threads.
    const threaded = api.metrics.builds.filter((b) => b.folder === repo.folder.name && b.parsed > 0);
    assert.ok(threaded.length > 0 && threaded.every((b) => b.parserThreads > 0), JSON.stringify(api.metrics.builds));

    // The same files, indexed once through the extension's parser thread bundle and once here.
    const script = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist', 'parseWorker.js').fsPath;
    const threads = new ParserThreads(script, 2);
    let onThreads = 0;
    try {
      const workspace = new VscodeWorkspace(repo.folder.uri);
      const viaThreads = await buildIndex(workspace, { parse: (_path, text) => (onThreads++, threads.get()!.parse(text)) });
      assert.equal(threads.threads, 2);
      const inPlace = await buildIndex(workspace);
      const paths = [...inPlace.index.markdownFiles()].map((f) => f.path);
      assert.deepEqual([...viaThreads.index.markdownFiles()].map((f) => f.path), paths);
      assert.equal(onThreads, paths.length);
      assert.ok(paths.length > 10);
      let findings = 0;
      for (const path of paths) {
        const expected = checkFile(inPlace.index, path).map(describe);
        findings += expected.length;
        assert.deepEqual(checkFile(viaThreads.index, path).map(describe), expected, path);
      }
      assert.ok(findings > 10, `${findings} findings compared`);
    } finally {
      threads.dispose();
    }
  });

  it('lists the folder on a parser thread as VS Code lists it, and runs git there', async () => {
    const script = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist', 'parseWorker.js').fsPath;
    const threads = new ParserThreads(script, 1);
    try {
      let listedOnThread = 0;
      const lister = (root: string, options: { under?: string; ignoreFolders: ReadonlySet<string> }) => {
        listedOnThread++;
        return threads.list(root, options);
      };
      const onThread = await new VscodeWorkspace(repo.folder.uri, undefined, undefined, lister).list();
      const here = await new VscodeWorkspace(repo.folder.uri).list();
      assert.equal(listedOnThread, 1);
      // The same paths and kinds in the same order; the thread's listing knows the Markdown files' sizes too.
      const shape = (l: typeof here) => l.entries.map((e) => `${e.type} ${e.path}`);
      assert.deepEqual(shape(onThread), shape(here));
      assert.ok(onThread.entries.length > 20);
      for (const e of onThread.entries.filter((e) => e.type === 'file' && e.path.endsWith('.md'))) {
        assert.equal(e.size, (await vscode.workspace.fs.stat(repo.uri(e.path))).size, e.path);
      }
      // A folder below, as a watcher's new folder is listed.
      const under = await new VscodeWorkspace(repo.folder.uri, undefined, undefined, lister).list({ under: 'iaas' });
      assert.deepEqual(shape(under), shape(here).filter((l) => l.split(' ')[1].startsWith('iaas/')));
      // A thread that cannot list (here: none to list on) leaves it to VS Code.
      const fallback = await new VscodeWorkspace(repo.folder.uri, undefined, undefined, () => undefined).list();
      assert.deepEqual(shape(fallback), shape(here));
      const failing = await new VscodeWorkspace(repo.folder.uri, undefined, undefined, () => Promise.reject(new Error('gone'))).list();
      assert.deepEqual(shape(failing), shape(here));
      // git from the thread: an answer, or undefined where git cannot answer (never a rejection).
      const version = await threads.git(repo.folder.uri.fsPath, ['--version']);
      assert.match(version ?? '', /^git version /);
      assert.equal(await threads.git(repo.folder.uri.fsPath, ['no-such-git-command']), undefined);
    } finally {
      threads.dispose();
    }
  });

  it('reopening parses only the files that changed since', async () => {
    // Files other tests created after the last build were indexed as edits, not cached yet: one
    // build stores them, then a reopen with nothing changed parses nothing.
    await reopen();
    await repo.cacheWritten();
    const first = await reopen();
    assert.equal(first.parsed, 0, `everything came from the cache: ${JSON.stringify(first)}`);
    assert.equal(first.cacheHits, first.markdownFiles);
    // Models from the cache give the findings of a fresh parse.
    const inPlace = await buildIndex(new VscodeWorkspace(repo.folder.uri));
    for (const file of inPlace.index.markdownFiles()) {
      const published = api.findings.get(repo.uri(file.path))?.findings ?? [];
      // What the Problems panel shows: every error, the rest where the scope says it needs attention.
      const expected = attentionFindings(checkFile(inPlace.index, file.path), Boolean(api.problemScope.attention(repo, file.path)));
      assert.deepEqual(published.map(describe).sort(), expected.map(describe).sort(), file.path);
    }

    const uri = fixtureUri('iaas/20261104.md');
    const original = await vscode.workspace.fs.readFile(uri);
    try {
      await vscode.workspace.fs.writeFile(uri, new Uint8Array([...original, ...new TextEncoder().encode('\nA line added while the window was closed.\n')]));
      await api.whenIdle();
      await repo.cacheWritten();
      const second = await reopen();
      assert.equal(second.parsed, 1, JSON.stringify(second));
      assert.equal(second.cacheHits, second.markdownFiles - 1);
    } finally {
      await vscode.workspace.fs.writeFile(uri, original);
      await api.whenIdle();
    }
    await repo.cacheWritten();
    const restored = await reopen();
    assert.equal(restored.parsed, 1, JSON.stringify(restored));
  });

  it('a damaged cache costs only a re-parse', async () => {
    await repo.cacheWritten();
    const files = await storage.readdir(cacheFolder()).catch(() => [] as string[]);
    const cache = files.find((f) => f.endsWith('.jsonl.gz'));
    assert.ok(cache, `a parse cache in workspace storage: ${files.join(', ')}`);
    const path = `${cacheFolder()}/${cache}`;
    const text = gunzipSync(await storage.readFile(path)).toString('utf8');
    const lines = text.split('\n');
    // Cut one entry in half and break another one's JSON.
    lines[1] = lines[1].slice(0, Math.floor(lines[1].length / 2));
    lines[2] = lines[2].replace(/[{]/, '[');
    await storage.writeFile(path, gzipSync(lines.join('\n')));
    const built = await reopen();
    assert.equal(built.outcome, 'ready');
    assert.equal(built.parsed, 2, JSON.stringify(built));
    await repo.cacheWritten();
    await storage.writeFile(path, 'not a cache at all');
    const again = await reopen();
    assert.equal(again.parsed, again.markdownFiles, JSON.stringify(again));
    await repo.cacheWritten();
    const healed = await reopen();
    assert.equal(healed.parsed, 0, JSON.stringify(healed));
  });

  function describe(d: MinutesDiagnostic): string {
    return JSON.stringify({ range: d.range, rule: d.rule, severity: d.severity, message: d.message, fixes: d.fixes, data: d.data });
  }

  function cacheFolder(): string {
    const folder = api.cacheFolder;
    assert.ok(folder, 'the extension has a workspace storage folder');
    return folder;
  }
});
