// One minutes repository per workspace folder: builds the core index in the background, then keeps
// it current from editor buffers (as you type) and from file-system events (other tools, git).
import * as vscode from 'vscode';
import { buildIndex, loadMarkdown, type BuildResult, type Listed } from '../core/build';
import type { Affected, MinutesIndex } from '../core/index';
import type { MinutesDiagnostic } from '../core/diagnostics';
import { PreviewIndex } from '../core/preview';
import { isMarkdownPath } from '../core/paths';
import { CONFIG_FILE, ignoreMatcher, type MinutesConfig } from '../core/config';
import type { SkippedEntry } from '../core/workspace';
import { VscodeWorkspace } from './vscodeWorkspace';
import type { HostPlatform, ParseCacheStore } from './platform/types';
import type { BuildMetrics, HostMetrics } from './hostMetrics';
import { nextTurn } from './slices';

/** What the repositories of a window share: the platform (parsing, the parse cache), the metrics. */
export interface RepositoryServices {
  /** Without one, files parse on the extension host and nothing is cached. */
  platform?: HostPlatform;
  metrics?: HostMetrics;
}

/** Files at least this large are parsed on a parser thread when they change on disk. */
const LARGE_FILE_CHARS = 64 * 1024;
/** A parse on the extension host slower than this sends the file's later parses to a parser thread (with its time budget). */
const SLOW_PARSE_MS = 200;

export type RepositoryState = 'indexing' | 'ready' | 'no-minutes' | 'failed';

export interface MoveOutside {
  repository: MinutesRepository;
  from: string;
  to: string;
}

export interface RepositoryChange {
  repository: MinutesRepository;
  /** Everything changed (first index, re-index, new identity). */
  all: boolean;
  paths: ReadonlySet<string>;
}

const TYPING_DELAY_MS = 150;

export class MinutesRepository implements vscode.Disposable {
  readonly workspace: VscodeWorkspace;
  state: RepositoryState = 'indexing';
  index: MinutesIndex | undefined;
  skipped: SkippedEntry[] = [];
  notes: SkippedEntry[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<RepositoryChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly stateEmitter = new vscode.EventEmitter<MinutesRepository>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly moveEmitter = new vscode.EventEmitter<MoveOutside>();
  /** A file deleted and the same content created elsewhere moments later (`git mv`, a move in a shell). */
  readonly onDidMoveOutside = this.moveEmitter.event;
  private readonly recentlyDeleted = new Map<string, { path: string; at: number }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  /** File events that arrive while the index is being built, applied after it. */
  private queued: Array<() => Promise<void>> = [];
  private cancel = { aborted: false };
  progress = { done: 0, total: 0 };
  /** The configuration's `ignore` globs: such files are paths links may name, never checked. */
  private ignored: (path: string) => boolean = () => false;
  /** The editor version each file was last indexed from (absent: from disk), so fixes never apply to other text. */
  readonly indexedVersions = new Map<string, number>();

  /** Findings of the visible editors' files from the listing, while the first index is built. */
  private preview = new Map<string, MinutesDiagnostic[]>();
  /** The configuration read with the first listing, until the index that holds it exists. */
  private listedConfig: MinutesConfig | undefined;
  /** The build under way, for its metrics. */
  private building: BuildMetrics | undefined;

  /** What the last finished build did (files parsed, cache hits, times). */
  lastBuild: BuildMetrics | undefined;
  /** The parse cache being written after a build; the next build reads it only after. */
  private saving: Promise<void> = Promise.resolve();
  private readonly largeReloads = new Map<string, number>();
  /** Files whose Markdown parses slowly (or not within the budget): parsed on a parser thread only. */
  private readonly slowPaths = new Set<string>();

  constructor(readonly folder: vscode.WorkspaceFolder, private readonly log: vscode.OutputChannel, private readonly services: RepositoryServices = {}) {
    this.workspace = new VscodeWorkspace(folder.uri, services.platform?.symlinkInside, services.platform?.linkedGitConfig);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.onDisk(uri, 'create')),
      watcher.onDidChange((uri) => this.onDisk(uri, 'change')),
      watcher.onDidDelete((uri) => this.onDisk(uri, 'delete')),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.onEdit(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
      this.changeEmitter,
      this.stateEmitter,
      this.moveEmitter,
    );
  }

  /** Builds the index from scratch, yielding to the extension host between files. */
  async build(progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<void> {
    this.cancel.aborted = true;
    const cancel = (this.cancel = { aborted: false });
    this.setState('indexing');
    this.progress = { done: 0, total: 0 };
    const started = Date.now();
    const { platform, metrics } = this.services;
    const metric: BuildMetrics = { folder: this.folder.name, outcome: 'cancelled', markdownFiles: 0, parsed: 0, cacheHits: 0, parserThreads: 0, indexMs: 0, startedAt: started };
    const phase = (name: string) => {
      if (metrics) metrics.phase = `${this.folder.name}: ${name}`;
    };
    phase('listing');
    // The cache is read only once there are minutes to parse, and only after the last build wrote it.
    const cache = platform?.parseCache(this.folder.uri);
    let cacheReady: Promise<void> | undefined;
    const readCache = () =>
      (cacheReady ??= this.saving.then(async () => {
        phase('reading the parse cache');
        await cache?.load().catch(() => undefined);
        phase('indexing');
      }));
    const parseWith = platform?.parser(cache, () => metric.parsed++);
    const identity = platform?.identityOf(this.folder.uri);
    this.building = metric;
    let result: BuildResult;
    try {
      let reported = 0;
      result = await buildIndex(this.workspace, {
        signal: cancel,
        yieldEvery: { ms: 20, yield: nextTurn },
        parse: parseWith && (async (path, text) => {
          await readCache();
          return parseWith(path, text);
        }),
        remotes: identity ? [identity] : undefined,
        // The first index: the visible minutes editors get their findings from the listing first.
        onListed: this.index ? undefined : (listing) => this.checkOpenFiles(listing, cancel),
        onProgress: (done, total) => {
          this.progress = { done, total };
          const pct = Math.floor((done / total) * 100);
          if (progress && pct > reported) {
            progress.report({ message: `${done}/${total}`, increment: pct - reported });
            reported = pct;
          }
        },
      });
    } catch (error) {
      phase('idle');
      if (cancel.aborted) return;
      this.log.appendLine(`[${this.folder.name}] indexing failed: ${error instanceof Error ? error.message : String(error)}`);
      this.record({ ...metric, outcome: 'failed', indexMs: Date.now() - started });
      this.setState('failed');
      return;
    }
    phase('idle');
    if (cancel.aborted) return;
    Object.assign(metric, {
      markdownFiles: result.markdownFiles,
      cacheHits: cache?.hits ?? 0,
      cacheEntries: cacheReady ? cache?.loaded : undefined,
      cacheLoadMs: cacheReady ? cache?.loadMs : undefined,
      parserThreads: platform?.parserThreads ?? 0,
      indexMs: Date.now() - started,
    });
    this.skipped = result.skipped;
    this.ignored = ignoreMatcher(result.config.ignore);
    this.notes = result.notes;
    for (const s of result.skipped) this.log.appendLine(`[${this.folder.name}] ${s.path}: skipped: ${s.reason}`);
    for (const n of result.notes) this.log.appendLine(`[${this.folder.name}] ${n.path}: note: ${n.reason}`);
    if (result.datedMinutes === 0) {
      this.index = undefined;
      this.log.appendLine(`[${this.folder.name}] no dated minutes (team/YYYYMMDD.md) found; staying idle`);
      this.record({ ...metric, outcome: 'no-minutes' });
      this.setState('no-minutes');
      return;
    }
    if (cache && cacheReady) this.saving = this.saveCache(cache);
    this.index = result.index;
    this.preview.clear();
    this.listedConfig = undefined;
    for (const skipped of result.skipped) if (skipped.reason.startsWith('took longer than')) this.slowPaths.add(skipped.path);
    // Editor buffers that differ from disk win over what was read.
    for (const doc of vscode.workspace.textDocuments) {
      const path = this.workspace.pathOf(doc.uri);
      if (path && doc.isDirty && isMarkdownPath(path)) {
        this.indexedVersions.set(path, doc.version);
        this.index.update(path, doc.getText());
      }
    }
    const queued = this.queued;
    this.queued = [];
    for (const run of queued) await run();
    const cached = cache ? `, ${metric.cacheHits} from the parse cache` : '';
    this.log.appendLine(`[${this.folder.name}] indexed ${result.markdownFiles} Markdown files (${result.datedMinutes} minutes${cached}) in ${Date.now() - started} ms`);
    this.record({ ...metric, outcome: 'ready' });
    this.setState('ready');
    this.changeEmitter.fire({ repository: this, all: true, paths: new Set() });
  }

  /**
   * Checks the files of the visible editors (the active one first) against the listing and their own
   * parse, and hands their findings to the Problems panel before any other file is read.
   */
  private checkOpenFiles(listing: Listed, cancel: { aborted: boolean }): void {
    if (cancel.aborted || listing.datedPaths === 0) return;
    const active = vscode.window.activeTextEditor?.document;
    const docs = [...new Set([active, ...vscode.window.visibleTextEditors.map((e) => e.document)])];
    let preview: PreviewIndex | undefined;
    const paths = new Set<string>();
    for (const doc of docs) {
      const path = doc && !doc.isClosed ? this.workspace.pathOf(doc.uri) : undefined;
      if (!doc || !path || !isMarkdownPath(path) || listing.ignored(path) || paths.has(path)) continue;
      const text = doc.getText();
      // A large file would hold the extension host while it parses: it waits for the index.
      if (text.length >= LARGE_FILE_CHARS) continue;
      this.listedConfig = listing.config;
      preview ??= new PreviewIndex({ files: listing.files, config: listing.config, remotes: listing.remotes });
      try {
        this.preview.set(path, preview.check(path, text));
        paths.add(path);
      } catch (error) {
        this.log.appendLine(`[${this.folder.name}] ${path}: not checked before the index: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!paths.size) return;
    if (this.building) this.building.openFiles = paths.size;
    this.changeEmitter.fire({ repository: this, all: false, paths });
  }

  /** The repository's configuration (`.minutes.jsonc`): the index's, or before it exists the listing's. */
  get config(): MinutesConfig | undefined {
    return this.index?.config ?? this.listedConfig;
  }

  /** The findings of a file from the listing, while the first index is built (undefined: none known). */
  previewFindings(path: string): MinutesDiagnostic[] | undefined {
    if (this.index) return undefined;
    const findings = this.preview.get(path);
    if (findings && this.building && this.building.openFilesMs === undefined) this.building.openFilesMs = Date.now() - this.building.startedAt;
    return findings;
  }

  /** Resolves once the parse cache of the last build is on disk. */
  cacheWritten(): Promise<void> {
    return this.saving;
  }

  private record(metric: BuildMetrics): void {
    this.lastBuild = metric;
    this.services.metrics?.builds.push(metric);
  }

  private async saveCache(cache: ParseCacheStore): Promise<void> {
    try {
      await cache.save();
    } catch (error) {
      this.log.appendLine(`[${this.folder.name}] could not write the parse cache: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      cache.release();
    }
  }

  uri(path: string): vscode.Uri {
    return this.workspace.uri(path);
  }

  private setState(state: RepositoryState): void {
    this.state = state;
    this.stateEmitter.fire(this);
  }

  private emit(affected: Affected): void {
    if (affected.all || affected.paths.size) this.changeEmitter.fire({ repository: this, all: affected.all, paths: affected.paths });
  }

  private onEdit(doc: vscode.TextDocument): void {
    const path = this.workspace.pathOf(doc.uri);
    if (!path || !isMarkdownPath(path) || !this.index || this.ignored(path)) return;
    const pending = this.pendingEdits.get(path);
    if (pending) clearTimeout(pending);
    this.pendingEdits.set(
      path,
      setTimeout(() => {
        this.pendingEdits.delete(path);
        if (!this.index || doc.isClosed) return;
        this.indexedVersions.set(path, doc.version);
        const text = doc.getText();
        if (this.slowPaths.has(path) && this.services.platform?.kind === 'node') {
          void this.parseOffHost(path, text);
          return;
        }
        this.updateTimed(path, text);
      }, TYPING_DELAY_MS),
    );
  }

  private onClose(doc: vscode.TextDocument): void {
    const path = this.workspace.pathOf(doc.uri);
    // Closing without saving drops the buffer's text: what is on disk counts again.
    if (path && isMarkdownPath(path) && this.index) void this.reload(path);
  }

  private onDisk(uri: vscode.Uri, kind: 'create' | 'change' | 'delete'): void {
    const path = this.workspace.pathOf(uri);
    if (!path || path.split('/').some((s) => s === '.git' || s === 'node_modules')) return;
    // The configuration changes what everything means: index anew.
    if (path === CONFIG_FILE) {
      void this.build();
      return;
    }
    const run = async () => {
      if (!this.index) return;
      if (kind === 'delete') {
        const hash = this.index.get(path)?.doc.hash;
        if (hash) this.recentlyDeleted.set(hash, { path, at: Date.now() });
        this.emit(this.index.delete(path));
        return;
      }
      const stat = await this.workspace.stat(path);
      if (!stat) return this.emit(this.index.delete(path));
      if (stat.type === 'directory') {
        // A folder appeared (moved in, branch switch): index what is below it.
        const listing = await this.workspace.list({ under: path });
        for (const entry of listing.entries) {
          if (entry.type === 'file' && !this.index.hasFile(entry.path)) await this.reload(entry.path);
        }
        return;
      }
      await this.reload(path);
      if (kind === 'create') this.noticeMove(path);
    };
    if (this.state === 'indexing') this.queued.push(run);
    else void run();
  }

  private noticeMove(path: string): void {
    const hash = this.index?.get(path)?.doc.hash;
    const deleted = hash ? this.recentlyDeleted.get(hash) : undefined;
    for (const [h, d] of this.recentlyDeleted) if (Date.now() - d.at > 5000) this.recentlyDeleted.delete(h);
    if (!hash || !deleted || deleted.path === path || Date.now() - deleted.at > 5000) return;
    this.recentlyDeleted.delete(hash);
    this.moveEmitter.fire({ repository: this, from: deleted.path, to: path });
  }

  /** Re-reads one file from disk, unless an editor holds unsaved changes to it. */
  private async reload(path: string): Promise<void> {
    if (!this.index) return;
    if (!isMarkdownPath(path) || this.ignored(path)) {
      this.emit(this.index.addPath(path));
      return;
    }
    const open = vscode.workspace.textDocuments.find((d) => this.workspace.pathOf(d.uri) === path && !d.isClosed);
    if (open?.isDirty) return;
    const load = await loadMarkdown(this.workspace, path, undefined);
    if (!this.index) return;
    if (!load.ok) {
      this.log.appendLine(`[${this.folder.name}] ${path}: skipped: ${load.reason}`);
      // It stays a path links may point to, but its old content is forgotten.
      const affected = this.index.delete(path);
      if (await this.workspace.stat(path)) for (const p of this.index.addPath(path).paths) affected.paths.add(p);
      this.emit(affected);
      return;
    }
    if ((load.text.length >= LARGE_FILE_CHARS || this.slowPaths.has(path)) && this.services.platform) {
      // A large file would stop the extension host while it parses: a parser thread does it (on the web, a slice of its own).
      const turn = (this.largeReloads.get(path) ?? 0) + 1;
      this.largeReloads.set(path, turn);
      let doc;
      try {
        doc = await this.services.platform.parseLarge(load.text);
      } catch (error) {
        this.slowPaths.add(path);
        this.log.appendLine(`[${this.folder.name}] ${path}: skipped: ${(error as { skipReason?: string }).skipReason ?? String(error)}`);
        return;
      }
      // A later change of the same file has overtaken this one.
      if (!this.index || this.largeReloads.get(path) !== turn) return;
      this.largeReloads.delete(path);
      this.indexedVersions.delete(path);
      this.emit(this.index.updateParsed(path, doc));
      return;
    }
    this.indexedVersions.delete(path);
    this.updateTimed(path, load.text);
  }

  /** Parses on the extension host; a slow parse sends the file's later parses to a parser thread. */
  private updateTimed(path: string, text: string): void {
    const started = Date.now();
    this.emit(this.index!.update(path, text));
    if (Date.now() - started > SLOW_PARSE_MS) this.slowPaths.add(path);
  }

  /** Parses a slow file on a parser thread, within its time budget; the latest text wins. */
  private async parseOffHost(path: string, text: string): Promise<void> {
    const turn = (this.largeReloads.get(path) ?? 0) + 1;
    this.largeReloads.set(path, turn);
    try {
      const doc = await this.services.platform!.parseLarge(text);
      if (!this.index || this.largeReloads.get(path) !== turn) return;
      this.largeReloads.delete(path);
      this.emit(this.index.updateParsed(path, doc));
    } catch (error) {
      this.log.appendLine(`[${this.folder.name}] ${path}: not re-parsed: ${(error as { skipReason?: string }).skipReason ?? String(error)}`);
    }
  }

  dispose(): void {
    this.cancel.aborted = true;
    for (const t of this.pendingEdits.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
