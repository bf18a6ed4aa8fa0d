// The file system as the core sees it: an injected interface, so the same core runs on Node's fs
// (CLI), on VS Code's workspace.fs (extension, virtual file systems too) and in memory (tests, see
// test/unit/memoryWorkspace.ts).

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

/** What listing a folder found, and what it skipped and why. */
export interface Listing {
  entries: WorkspaceEntry[];
  skipped: SkippedEntry[];
}

export interface MinutesWorkspace {
  /** A name for messages: the root folder's path or URI. */
  readonly name: string;
  /** Every file and folder below the root (not following links out of it), plus what was skipped and why. */
  list(options?: ListOptions): Promise<Listing>;
  /**
   * A file's bytes. `maxBytes`: a file larger than this is refused (error code `ETOOBIG`, with its
   * `size` when known) and never read beyond it; only regular files are read (never a pipe or a device).
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

/** A file system error in a few words for a skip reason: its code (`ENOENT`: "it no longer exists"), or its message. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    if (typeof code === 'string' && code) return code === 'ENOENT' ? 'it no longer exists' : code;
    if (typeof message === 'string') return message;
  }
  return String(error);
}
