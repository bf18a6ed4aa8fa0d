// One minutes repository per workspace folder: builds the core index in the background, then keeps
// it current from editor buffers (as you type) and from file-system events (other tools, git). The
// parts are in their own modules: watching the disk (repositoryWatcher), the editor buffers
// (repositoryBuffers), file updates and where they parse (repositoryUpdates), the open files checked
// before the first index (repositoryPreview), the build's parse cache (repositoryBuild) and its
// metrics (repositoryMetrics); this class builds and coordinates.
import * as vscode from 'vscode';
import { buildIndex, type BuildResult, type Listed } from '../core/build';
import type { Affected, MinutesIndex } from '../core/index';
import type { MinutesDiagnostic } from '../core/diagnostics';
import { ignoreMatcher, type MinutesConfig } from '../core/config';
import type { SkippedEntry } from '../core/workspace';
import type { MinutesDocument } from '../core/model';
import { parseMinutes } from '../core/parse';
import { VscodeWorkspace } from './vscodeWorkspace';
import type { HostPlatform } from './platform/types';
import type { BuildMetrics, HostMetrics } from './hostMetrics';
import { nextTurn, Slicer } from './slices';
import { BuildRecorder } from './repositoryMetrics';
import { EditorBuffers } from './repositoryBuffers';
import { DiskWatcher } from './repositoryWatcher';
import { FileUpdates } from './repositoryUpdates';
import { BuildCache, progressReporter } from './repositoryBuild';
import { OpenFilesPreview } from './repositoryPreview';

/** What the repositories of a window share: the platform (parsing, the parse cache), the metrics. */
export interface RepositoryServices {
  /** Without one, files parse on the extension host and nothing is cached. */
  platform?: HostPlatform;
  metrics?: HostMetrics;
}

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

/** The events of a repository (and of all of them together, in Repositories). */
export class RepositoryEvents implements vscode.Disposable {
  readonly change = new vscode.EventEmitter<RepositoryChange>();
  readonly state = new vscode.EventEmitter<MinutesRepository>();
  readonly move = new vscode.EventEmitter<MoveOutside>();

  dispose(): void {
    this.change.dispose();
    this.state.dispose();
    this.move.dispose();
  }
}

export class MinutesRepository implements vscode.Disposable {
  readonly workspace: VscodeWorkspace;
  state: RepositoryState = 'indexing';
  index: MinutesIndex | undefined;
  skipped: SkippedEntry[] = [];
  notes: SkippedEntry[] = [];
  private readonly events = new RepositoryEvents();
  readonly onDidChange = this.events.change.event;
  readonly onDidChangeState = this.events.state.event;
  /** A file deleted and the same content created elsewhere moments later (`git mv`, a move in a shell). */
  readonly onDidMoveOutside = this.events.move.event;
  private readonly disposables: vscode.Disposable[] = [];
  private cancel = { aborted: false };
  progress = { done: 0, total: 0 };
  /** The configuration's `ignore` globs: such files are paths links may name, never checked. */
  private ignored: (path: string) => boolean = () => false;
  /** The parse cache being written after a build; the next build reads it only after. */
  private saving: Promise<void> = Promise.resolve();
  private readonly metrics: BuildRecorder;
  private readonly buffers: EditorBuffers;
  private readonly watcher: DiskWatcher;
  private readonly updates: FileUpdates;
  private readonly preview: OpenFilesPreview;

  constructor(readonly folder: vscode.WorkspaceFolder, private readonly log: vscode.OutputChannel, private readonly services: RepositoryServices = {}) {
    this.workspace = new VscodeWorkspace(folder.uri, services.platform?.symlinkInside, services.platform?.linkedGitConfig, services.platform?.listFolder);
    this.metrics = new BuildRecorder(folder.name, services.metrics);
    this.preview = new OpenFilesPreview(this.workspace, (line) => this.log.appendLine(`[${this.folder.name}] ${line}`));
    const repo = this;
    this.updates = new FileUpdates(this.workspace, {
      get index() {
        return repo.index;
      },
      ignored: (path) => this.ignored(path),
      hasUnsaved: (path) => this.buffers.hasUnsaved(path),
      readFromDisk: (path) => this.buffers.readFromDisk(path),
      emit: (affected) => this.emit(affected),
      log: (line) => this.log.appendLine(`[${this.folder.name}] ${line}`),
    }, services.platform);
    this.watcher = new DiskWatcher(folder, this.workspace, {
      get index() {
        return repo.index;
      },
      indexing: () => this.state === 'indexing',
      rebuild: () => void this.build(),
      reload: (path) => this.updates.reload(path),
      emit: (affected) => this.emit(affected),
    });
    this.buffers = new EditorBuffers(this.workspace, {
      get index() {
        return repo.index;
      },
      ignored: (path) => this.ignored(path),
      typed: (path, text) => this.updates.typed(path, text),
      reload: (path) => this.updates.reload(path),
    });
    this.disposables.push(
      this.watcher,
      this.watcher.onDidMove(({ from, to }) => this.events.move.fire({ repository: this, from, to })),
      this.buffers,
      this.events,
    );
  }

  /** The editor version each file was last indexed from (absent: from disk), so fixes never apply to other text. */
  get indexedVersions(): ReadonlyMap<string, number> {
    return this.buffers.indexedVersions;
  }

  /** What the last finished build did (files parsed, cache hits, times). */
  get lastBuild(): BuildMetrics | undefined {
    return this.metrics.last;
  }

  /** The first full pass of the Problems panel after the last build is done (for its metrics). */
  diagnosticsDone(): void {
    this.metrics.diagnosticsDone();
  }

  /** Builds the index from scratch, yielding to the extension host between files. */
  async build(progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<void> {
    this.cancel.aborted = true;
    const cancel = (this.cancel = { aborted: false });
    this.setState('indexing');
    this.progress = { done: 0, total: 0 };
    const started = Date.now();
    const platform = this.services.platform;
    const metric = this.metrics.start(started);
    this.metrics.phase('listing');
    const cache = new BuildCache(platform?.parseCache(this.folder.uri), () => this.saving, this.metrics);
    const parseWith = platform?.parser(cache.store, () => metric.parsed++);
    const identity = platform?.identityOf(this.folder.uri);
    this.metrics.building(metric);
    let result: BuildResult;
    try {
      // Files read together finish together, and each then takes its model from the cache (or hands
      // its text to a thread) in the same turn: the slicer spreads that work over turns.
      const slicer = new Slicer();
      const parse = parseWith && (async (path: string, text: string) => {
        await cache.read();
        await slicer.breathe();
        return parseWith(path, text);
      });
      result = await buildIndex(this.workspace, {
        signal: cancel,
        yieldEvery: { ms: 20, yield: nextTurn },
        parse,
        remotes: identity ? [identity] : undefined,
        // The first index: the visible minutes editors get their findings from the listing first.
        // Not waited for: the files are read while the open ones are parsed (first in the parser's queue).
        onListed: this.index
          ? undefined
          : (listing) => {
              this.checkOpenFiles(listing, cancel, parse ?? (async (_path, text) => parseMinutes(text))).catch((error: unknown) => {
                this.log.appendLine(`[${this.folder.name}] the open files were not checked before the index: ${error instanceof Error ? error.message : String(error)}`);
              });
            },
        onProgress: progressReporter(progress, (done, total) => {
          if (done === 1) this.metrics.phase('reading files');
          this.progress = { done, total };
        }),
      });
    } catch (error) {
      this.metrics.phase('idle');
      if (cancel.aborted) return;
      this.log.appendLine(`[${this.folder.name}] indexing failed: ${error instanceof Error ? error.message : String(error)}`);
      this.metrics.record({ ...metric, outcome: 'failed', indexMs: Date.now() - started });
      this.setState('failed');
      return;
    }
    this.metrics.phase('idle');
    if (cancel.aborted) return;
    Object.assign(metric, { markdownFiles: result.markdownFiles, ...cache.metrics(), parserThreads: platform?.parserThreads ?? 0, indexMs: Date.now() - started });
    this.skipped = result.skipped;
    this.ignored = ignoreMatcher(result.config.ignore);
    this.notes = result.notes;
    for (const s of result.skipped) this.log.appendLine(`[${this.folder.name}] ${s.path}: skipped: ${s.reason}`);
    for (const n of result.notes) this.log.appendLine(`[${this.folder.name}] ${n.path}: note: ${n.reason}`);
    if (result.datedMinutes === 0) {
      this.index = undefined;
      this.log.appendLine(`[${this.folder.name}] no dated minutes (team/YYYYMMDD.md) found; staying idle`);
      this.metrics.record({ ...metric, outcome: 'no-minutes' });
      this.setState('no-minutes');
      return;
    }
    const saving = cache.save((line) => this.log.appendLine(`[${this.folder.name}] ${line}`));
    if (saving) this.saving = saving;
    this.index = result.index;
    this.preview.clear();
    for (const skipped of result.skipped) if (skipped.reason.startsWith('took longer than')) this.updates.markSlow(skipped.path);
    this.buffers.applyUnsaved(this.index);
    await this.watcher.applyQueued();
    const cached = cache.store ? `, ${metric.cacheHits} from the parse cache` : '';
    this.log.appendLine(`[${this.folder.name}] indexed ${result.markdownFiles} Markdown files (${result.datedMinutes} minutes${cached}) in ${Date.now() - started} ms`);
    this.metrics.record({ ...metric, outcome: 'ready' });
    this.setState('ready');
    this.events.change.fire({ repository: this, all: true, paths: new Set() });
  }

  /** Hands the visible editors' findings from the listing to the Problems panel, before any other file is read. */
  private async checkOpenFiles(listing: Listed, cancel: { aborted: boolean }, parse: (path: string, text: string) => Promise<MinutesDocument>): Promise<void> {
    if (cancel.aborted) return;
    this.metrics.listed();
    if (listing.datedPaths === 0) return;
    this.metrics.phase('checking the open files');
    // Too late once the index exists (it answers then), or once this build was replaced.
    const stale = () => cancel.aborted || this.index !== undefined || this.state !== 'indexing';
    const paths = await this.preview.check(listing, parse, stale);
    if (!paths.size || stale()) return;
    this.metrics.openFilesChecked(paths.size);
    this.events.change.fire({ repository: this, all: false, paths });
  }

  /** The repository's configuration (`.minutes.jsonc`): the index's, or before it exists the listing's. */
  get config(): MinutesConfig | undefined {
    return this.index?.config ?? this.preview.config;
  }

  /** The findings of a file from the listing, while the first index is built (undefined: none known). */
  previewFindings(path: string): MinutesDiagnostic[] | undefined {
    if (this.index) return undefined;
    const findings = this.preview.get(path);
    if (findings) this.metrics.openFilesPublished();
    return findings;
  }

  /** Resolves once the parse cache of the last build is on disk. */
  cacheWritten(): Promise<void> {
    return this.saving;
  }

  uri(path: string): vscode.Uri {
    return this.workspace.uri(path);
  }

  private setState(state: RepositoryState): void {
    this.state = state;
    this.events.state.fire(this);
  }

  private emit(affected: Affected): void {
    if (affected.all || affected.paths.size) this.events.change.fire({ repository: this, all: affected.all, paths: affected.paths });
  }

  dispose(): void {
    this.cancel.aborted = true;
    for (const d of this.disposables) d.dispose();
  }
}
