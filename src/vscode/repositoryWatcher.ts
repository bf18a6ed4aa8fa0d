// A repository's file-system events (other tools, git): files created, changed and deleted reach the
// index (after the build when one is under way), a new folder is read below, a change of the
// configuration indexes anew, and a file deleted and created elsewhere with the same content moments
// later (`git mv`, a move in a shell) is told as a move.
import * as vscode from 'vscode';
import type { Affected, MinutesIndex } from '../core/index';
import { CONFIG_FILE } from '../core/config';
import type { VscodeWorkspace } from './vscodeWorkspace';

/** How long a deleted file's content waits for its new place. */
const MOVE_WINDOW_MS = 5000;

/** What the watcher needs from its repository. */
export interface WatchHost {
  readonly index: MinutesIndex | undefined;
  /** True while the index is being built: events wait for it. */
  indexing(): boolean;
  /** The configuration changed what everything means. */
  rebuild(): void;
  /** Re-reads a file from disk. */
  reload(path: string): Promise<void>;
  emit(affected: Affected): void;
}

export class DiskWatcher implements vscode.Disposable {
  private readonly recentlyDeleted = new Map<string, { path: string; at: number }>();
  /** File events that arrive while the index is being built, applied after it. */
  private queued: Array<() => Promise<void>> = [];
  private readonly moveEmitter = new vscode.EventEmitter<{ from: string; to: string }>();
  /** A file deleted and the same content created elsewhere moments later. */
  readonly onDidMove = this.moveEmitter.event;
  private readonly disposables: vscode.Disposable[];

  constructor(folder: vscode.WorkspaceFolder, private readonly workspace: VscodeWorkspace, private readonly host: WatchHost) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    this.disposables = [
      watcher,
      watcher.onDidCreate((uri) => this.onDisk(uri, 'create')),
      watcher.onDidChange((uri) => this.onDisk(uri, 'change')),
      watcher.onDidDelete((uri) => this.onDisk(uri, 'delete')),
      this.moveEmitter,
    ];
  }

  /** Applies the events that came during the build, in order. */
  async applyQueued(): Promise<void> {
    const queued = this.queued;
    this.queued = [];
    for (const run of queued) await run();
  }

  private onDisk(uri: vscode.Uri, kind: 'create' | 'change' | 'delete'): void {
    const path = this.workspace.pathOf(uri);
    if (!path || path.split('/').some((s) => s === '.git' || s === 'node_modules')) return;
    // The configuration changes what everything means: index anew.
    if (path === CONFIG_FILE) {
      this.host.rebuild();
      return;
    }
    const run = async () => {
      const index = this.host.index;
      if (!index) return;
      if (kind === 'delete') {
        const hash = index.get(path)?.doc.hash;
        if (hash) this.recentlyDeleted.set(hash, { path, at: Date.now() });
        this.host.emit(index.delete(path));
        return;
      }
      const stat = await this.workspace.stat(path);
      if (!stat) return this.host.emit(this.host.index!.delete(path));
      if (stat.type === 'directory') {
        // A folder appeared (moved in, branch switch): index what is below it.
        const listing = await this.workspace.list({ under: path });
        for (const entry of listing.entries) {
          if (entry.type === 'file' && !this.host.index!.hasFile(entry.path)) await this.host.reload(entry.path);
        }
        return;
      }
      await this.host.reload(path);
      if (kind === 'create') this.noticeMove(path);
    };
    if (this.host.indexing()) this.queued.push(run);
    else void run();
  }

  private noticeMove(path: string): void {
    const hash = this.host.index?.get(path)?.doc.hash;
    const deleted = hash ? this.recentlyDeleted.get(hash) : undefined;
    for (const [h, d] of this.recentlyDeleted) if (Date.now() - d.at > MOVE_WINDOW_MS) this.recentlyDeleted.delete(h);
    if (!hash || !deleted || deleted.path === path || Date.now() - deleted.at > MOVE_WINDOW_MS) return;
    this.recentlyDeleted.delete(hash);
    this.moveEmitter.fire({ from: deleted.path, to: path });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
