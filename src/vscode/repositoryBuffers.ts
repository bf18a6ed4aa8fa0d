// A repository's editor buffers: the text you type reaches the index (a moment after the last
// keystroke), a buffer closed unsaved hands the file back to the disk, and the index remembers which
// editor version it read, so fixes never apply to other text.
import * as vscode from 'vscode';
import type { MinutesIndex } from '../core/index';
import { isMarkdownPath } from '../core/paths';
import type { VscodeWorkspace } from './vscodeWorkspace';

const TYPING_DELAY_MS = 150;

/** What the buffers need from their repository. */
export interface BufferHost {
  readonly index: MinutesIndex | undefined;
  /** A file the configuration's `ignore` globs leave unchecked. */
  ignored(path: string): boolean;
  /** A buffer's text, typed a moment ago, for the index. */
  typed(path: string, text: string): void;
  /** A file whose unsaved buffer was closed: what is on disk counts again. */
  reload(path: string): Promise<void>;
}

export class EditorBuffers implements vscode.Disposable {
  /** The editor version each file was last indexed from (absent: from disk), so fixes never apply to other text. */
  readonly indexedVersions = new Map<string, number>();
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly workspace: VscodeWorkspace, private readonly host: BufferHost) {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.edited(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
    ];
  }

  private edited(doc: vscode.TextDocument): void {
    const path = this.workspace.pathOf(doc.uri);
    if (!path || !isMarkdownPath(path) || !this.host.index || this.host.ignored(path)) return;
    const pending = this.pendingEdits.get(path);
    if (pending) clearTimeout(pending);
    this.pendingEdits.set(
      path,
      setTimeout(() => {
        this.pendingEdits.delete(path);
        if (!this.host.index || doc.isClosed) return;
        this.indexedVersions.set(path, doc.version);
        this.host.typed(path, doc.getText());
      }, TYPING_DELAY_MS),
    );
  }

  private closed(doc: vscode.TextDocument): void {
    const path = this.workspace.pathOf(doc.uri);
    // Closing without saving drops the buffer's text: what is on disk counts again.
    if (path && isMarkdownPath(path) && this.host.index) void this.host.reload(path);
  }

  /** After a build: editor buffers that differ from disk win over what was read. */
  applyUnsaved(index: MinutesIndex): void {
    for (const doc of vscode.workspace.textDocuments) {
      const path = this.workspace.pathOf(doc.uri);
      if (path && doc.isDirty && isMarkdownPath(path)) {
        this.indexedVersions.set(path, doc.version);
        index.update(path, doc.getText());
      }
    }
  }

  /** True when an editor holds unsaved changes to the file (the disk's text must not replace them). */
  hasUnsaved(path: string): boolean {
    const open = vscode.workspace.textDocuments.find((d) => this.workspace.pathOf(d.uri) === path && !d.isClosed);
    return open?.isDirty ?? false;
  }

  /** The file was read from disk. */
  readFromDisk(path: string): void {
    this.indexedVersions.delete(path);
  }

  dispose(): void {
    for (const t of this.pendingEdits.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
