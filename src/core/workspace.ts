// The file system as the core sees it: an injected interface, so the same core runs on Node's fs
// (CLI), on VS Code's workspace.fs (extension, virtual file systems too) and in memory (tests).

export interface WorkspaceEntry {
  /** POSIX path relative to the workspace root. */
  path: string;
  type: 'file' | 'directory';
  /** In bytes; -1 when the listing does not tell (it is asked for before reading). */
  size: number;
}

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface FileStat {
  type: 'file' | 'directory' | 'other';
  size: number;
  mtime: number;
}

/** Satisfied by AbortSignal and by an adapter over VS Code's CancellationToken. */
export interface Cancellation {
  readonly aborted: boolean;
}

export interface ListOptions {
  /** List only below this folder (a repository path); default: the whole workspace. */
  under?: string;
  /** Top-level or nested folder names never descended into. */
  ignoreFolders?: ReadonlySet<string>;
  signal?: Cancellation;
}

export interface MinutesWorkspace {
  /** A name for messages: the root folder's path or URI. */
  readonly name: string;
  /** Every file and folder below the root (not following links out of it), plus what was skipped and why. */
  list(options?: ListOptions): Promise<{ entries: WorkspaceEntry[]; skipped: SkippedEntry[] }>;
  /**
   * A file's bytes. `maxBytes`: a file larger than this is refused (error code `ETOOBIG`) and never
   * read beyond it; only regular files are read (never a pipe or a device).
   */
  read(path: string, options?: ReadOptions): Promise<Uint8Array>;
  /** Only regular files are `file`; a pipe, socket or device is `other`. */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * The text of the repository's git configuration when `.git` is not a folder (a worktree or a
   * submodule has a `.git` file naming its git folder elsewhere); undefined when there is none.
   */
  readLinkedGitConfig?(maxBytes: number): Promise<Uint8Array | undefined>;
}

export interface ReadOptions {
  maxBytes?: number;
}

/** Folders that never hold minutes and can be huge. */
export const DEFAULT_IGNORED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.hg', '.svn', '.vscode-test', '.test-host']);

export function isIgnoredFolder(name: string, ignore: ReadonlySet<string> = DEFAULT_IGNORED_FOLDERS): boolean {
  return ignore.has(name);
}

/** A whole repository in memory, for tests: `new MemoryWorkspace({ 'iaas/20230426.md': '# 2023-04-26' })`. */
export class MemoryWorkspace implements MinutesWorkspace {
  readonly name = 'memory';
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? encodeUtf8(content) : content);
  }

  remove(path: string): void {
    this.files.delete(path);
    for (const p of [...this.files.keys()]) if (p.startsWith(path + '/')) this.files.delete(p);
  }

  async list(options: ListOptions = {}): Promise<{ entries: WorkspaceEntry[]; skipped: SkippedEntry[] }> {
    const ignore = options.ignoreFolders ?? DEFAULT_IGNORED_FOLDERS;
    const entries: WorkspaceEntry[] = [];
    const dirs = new Set<string>();
    const prefix = options.under ? options.under + '/' : '';
    for (const [path, bytes] of this.files) {
      if (!path.startsWith(prefix)) continue;
      const segments = path.split('/');
      if (segments.slice(0, -1).some((s) => ignore.has(s))) continue;
      for (let i = 1; i < segments.length; i++) {
        const dir = segments.slice(0, i).join('/');
        if (!options.under || dir.length > options.under.length) dirs.add(dir);
      }
      entries.push({ path, type: 'file', size: bytes.length });
    }
    for (const d of dirs) entries.push({ path: d, type: 'directory', size: 0 });
    return { entries, skipped: [] };
  }

  async read(path: string): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`no such file: ${path}`);
    return bytes;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const bytes = this.files.get(path);
    if (bytes) return { type: 'file', size: bytes.length, mtime: 0 };
    for (const p of this.files.keys()) if (p.startsWith(path + '/')) return { type: 'directory', size: 0, mtime: 0 };
    return undefined;
  }
}

declare class TextEncoder {
  encode(input: string): Uint8Array;
}

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
