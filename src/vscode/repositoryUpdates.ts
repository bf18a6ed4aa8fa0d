// A repository's file updates after the build: a file re-read from disk or typed in reaches the
// index, parsed on the extension host, or on a parser thread (on the web, a slice of its own) when it
// is large or parses slowly, so the extension host never stops for one file; the latest text wins.
import type { Affected, MinutesIndex } from '../core/index';
import { loadMarkdown } from '../core/build';
import { isMarkdownPath } from '../core/paths';
import type { VscodeWorkspace } from './vscodeWorkspace';
import type { HostPlatform } from './platform/types';

/** Files at least this large are parsed on a parser thread when they change on disk. */
export const LARGE_FILE_CHARS = 64 * 1024;
/** A parse on the extension host slower than this sends the file's later parses to a parser thread (with its time budget). */
const SLOW_PARSE_MS = 200;

/** What the updates need from their repository. */
export interface UpdateHost {
  readonly index: MinutesIndex | undefined;
  /** A file the configuration's `ignore` globs leave unchecked. */
  ignored(path: string): boolean;
  /** True when an editor holds unsaved changes to the file. */
  hasUnsaved(path: string): boolean;
  /** The file's text in the index is now the disk's. */
  readFromDisk(path: string): void;
  emit(affected: Affected): void;
  log(line: string): void;
}

export class FileUpdates {
  private readonly largeReloads = new Map<string, number>();
  /** Files whose Markdown parses slowly (or not within the budget): parsed on a parser thread only. */
  private readonly slowPaths = new Set<string>();

  constructor(private readonly workspace: VscodeWorkspace, private readonly host: UpdateHost, private readonly platform: HostPlatform | undefined) {}

  /** A file the build gave up on for its parse time: later parses go to a parser thread. */
  markSlow(path: string): void {
    this.slowPaths.add(path);
  }

  /** A buffer's text, typed a moment ago. */
  typed(path: string, text: string): void {
    if (this.slowPaths.has(path) && this.platform?.kind === 'node') {
      void this.parseOffHost(path, text);
      return;
    }
    this.updateTimed(path, text);
  }

  /** Re-reads one file from disk, unless an editor holds unsaved changes to it. */
  async reload(path: string): Promise<void> {
    if (!this.host.index) return;
    if (!isMarkdownPath(path) || this.host.ignored(path)) {
      this.host.emit(this.host.index.addPath(path));
      return;
    }
    if (this.host.hasUnsaved(path)) return;
    const load = await loadMarkdown(this.workspace, path, undefined);
    const index = this.host.index;
    if (!index) return;
    if (!load.ok) {
      this.host.log(`${path}: skipped: ${load.reason}`);
      // It stays a path links may point to, but its old content is forgotten.
      const affected = index.delete(path);
      if (await this.workspace.stat(path)) for (const p of this.host.index!.addPath(path).paths) affected.paths.add(p);
      this.host.emit(affected);
      return;
    }
    if ((load.text.length >= LARGE_FILE_CHARS || this.slowPaths.has(path)) && this.platform) {
      // A large file would stop the extension host while it parses: a parser thread does it (on the web, a slice of its own).
      const turn = (this.largeReloads.get(path) ?? 0) + 1;
      this.largeReloads.set(path, turn);
      let doc;
      try {
        doc = await this.platform.parseLarge(load.text);
      } catch (error) {
        this.slowPaths.add(path);
        this.host.log(`${path}: skipped: ${(error as { skipReason?: string }).skipReason ?? String(error)}`);
        return;
      }
      // A later change of the same file has overtaken this one.
      if (!this.host.index || this.largeReloads.get(path) !== turn) return;
      this.largeReloads.delete(path);
      this.host.readFromDisk(path);
      this.host.emit(this.host.index.updateParsed(path, doc));
      return;
    }
    this.host.readFromDisk(path);
    this.updateTimed(path, load.text);
  }

  /** Parses on the extension host; a slow parse sends the file's later parses to a parser thread. */
  private updateTimed(path: string, text: string): void {
    const started = Date.now();
    this.host.emit(this.host.index!.update(path, text));
    if (Date.now() - started > SLOW_PARSE_MS) this.slowPaths.add(path);
  }

  /** Parses a slow file on a parser thread, within its time budget; the latest text wins. */
  private async parseOffHost(path: string, text: string): Promise<void> {
    const turn = (this.largeReloads.get(path) ?? 0) + 1;
    this.largeReloads.set(path, turn);
    try {
      const doc = await this.platform!.parseLarge(text);
      if (!this.host.index || this.largeReloads.get(path) !== turn) return;
      this.largeReloads.delete(path);
      this.host.emit(this.host.index.updateParsed(path, doc));
    } catch (error) {
      this.host.log(`${path}: not re-parsed: ${(error as { skipReason?: string }).skipReason ?? String(error)}`);
    }
  }
}

