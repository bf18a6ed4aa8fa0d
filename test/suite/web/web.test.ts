// What only the web worker extension host shows: the extension runs there without Node, keeps its
// parse cache in its storage through workspace.fs, and indexes a repository it can only reach
// through workspace.fs: a memory file system in github.dev's shape (vscode-vfs://github/OWNER/REPO).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, workspaceFolder } from '../helpers';
import type { MinutesApi } from '../../../src/vscode/extension';
import type { MinutesRepository } from '../../../src/vscode/repository';
import { buildIndex } from '../../../src/core/build';
import { checkFile } from '../../../src/core/check';
import { VscodeWorkspace } from '../../../src/vscode/vscodeWorkspace';
import { WebPlatform } from '../../../src/vscode/platform/web';

/** A read-only file system in memory that counts what is asked of it. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  readonly reads = new Map<string, number>();
  readonly listings = new Map<string, number>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(private readonly files: Map<string, string>) {}

  private folders(path: string): Array<[string, vscode.FileType]> {
    const prefix = path === '/' ? '/' : path + '/';
    const seen = new Map<string, vscode.FileType>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split('/');
      seen.set(name, rest.length ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...seen];
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const text = this.files.get(uri.path);
    if (text !== undefined) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: new TextEncoder().encode(text).length };
    if (this.folders(uri.path).length) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): Array<[string, vscode.FileType]> {
    this.listings.set(uri.path, (this.listings.get(uri.path) ?? 0) + 1);
    const entries = this.folders(uri.path);
    if (!entries.length) throw vscode.FileSystemError.FileNotFound(uri);
    return entries;
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const text = this.files.get(uri.path);
    if (text === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    this.reads.set(uri.path, (this.reads.get(uri.path) ?? 0) + 1);
    return new TextEncoder().encode(text);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

describe('the web worker extension host', () => {
  let api: MinutesApi;
  let repo: MinutesRepository;

  before(async () => {
    api = await activateExtension();
    repo = api.repositories.all().find((r) => r.folder.uri.toString() === workspaceFolder().uri.toString())!;
    assert.ok(repo?.index, 'the fixture repository is indexed');
  });

  it('runs the web bundle, without Node, on a workspace it reaches only through workspace.fs', () => {
    assert.equal(api.platform, 'web');
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node process object in the web worker');
    assert.notEqual(workspaceFolder().uri.scheme, 'file');
    const build = repo.lastBuild!;
    assert.equal(build.outcome, 'ready');
    assert.equal(build.parserThreads, 0, 'files parse on the extension host, in slices');
    assert.ok(build.markdownFiles > 10, JSON.stringify(build));
  });

  it('keeps the parse cache in the extension storage, and a reopen parses nothing that did not change', async () => {
    assert.ok(api.cacheFolder, 'the web host gives the extension a storage folder');
    const storage = vscode.Uri.parse(api.cacheFolder);
    assert.notEqual(storage.scheme, 'file');
    const reindex = async () => {
      await vscode.commands.executeCommand('minutes.reindex');
      await api.whenIdle();
      await repo.cacheWritten();
      return repo.lastBuild!;
    };
    // Files other tests created after the first build were indexed as edits: one build stores them.
    await reindex();
    const files = (await vscode.workspace.fs.readDirectory(storage)).map(([name]) => name);
    const cache = files.find((f) => /^parsed-.*\.jsonl(\.gz)?$/.test(f));
    assert.ok(cache, `a parse cache in ${storage.toString()}: ${files.join(', ')}`);
    const again = await reindex();
    assert.equal(again.parsed, 0, JSON.stringify(again));
    assert.equal(again.cacheHits, again.markdownFiles);
  });

  it('indexes a repository on a memory file system in github.dev’s shape: listed once, each file read once', async () => {
    const files = new Map<string, string>([
      ['/example-org/minutes/README.md', '# Minutes\n\nOne folder per team.\n'],
      ['/example-org/minutes/iaas/20261104.md', '# IaaS Team Meeting 2026-11-04\n\n## Participants\n\n- @alice\n\n## Agenda\n\n- Flavors\n'],
      ['/example-org/minutes/iaas/20261111.md', '# IaaS Team Meeting 2026-11-11\n\n## Participants\n\n- @bob\n\n## Agenda\n\n- Images\n'],
      ['/example-org/minutes/community-call/20261105.md', '# Community Call 2026-11-05\n\n## IaaS\n\nMinutes: [IaaS](../iaas/20261104.md)\n\nEarlier: [IaaS](../iaas/20261103.md)\n'],
    ]);
    const memory = new MemoryFileSystem(files);
    const registration = vscode.workspace.registerFileSystemProvider('vscode-vfs', memory, { isCaseSensitive: true, isReadonly: true });
    try {
      const root = vscode.Uri.from({ scheme: 'vscode-vfs', authority: 'github', path: '/example-org/minutes' });
      const platform = new WebPlatform({ storageUri: undefined, globalStorageUri: undefined } as unknown as vscode.ExtensionContext);
      assert.equal(platform.imageDownload.available, false);
      let parsed = 0;
      const identity = platform.identityOf(root);
      assert.deepEqual(identity, { owner: 'example-org', repo: 'minutes' });
      const result = await buildIndex(new VscodeWorkspace(root), { parse: platform.parser(undefined, () => parsed++), remotes: [identity!] });
      assert.equal(result.markdownFiles, 4);
      assert.equal(parsed, 4);
      // The repository's GitHub address comes from the workspace's own URI (no .git on github.dev).
      assert.deepEqual(result.index.identity, identity);
      for (const path of files.keys()) assert.equal(memory.reads.get(path), 1, `${path} read once`);
      for (const [folder, n] of memory.listings) assert.equal(n, 1, `${folder} listed once`);
      const broken = checkFile(result.index, 'community-call/20261105.md').filter((d) => d.rule === 'broken-link');
      assert.equal(broken.length, 1, JSON.stringify(broken));
      assert.match(broken[0].message, /iaas\/20261103\.md/);
    } finally {
      registration.dispose();
    }
  });
});
