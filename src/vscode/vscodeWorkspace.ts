// The workspace over VS Code's workspace.fs: works on any file system VS Code can open.
import * as vscode from 'vscode';
import type { FileStat, Listing, ListOptions, MinutesWorkspace, ReadOptions, SkippedEntry, WorkspaceEntry } from '../core/workspace';
import { DEFAULT_IGNORED_FOLDERS, describeError } from '../core/workspace';
import type { FolderLister, LinkedGitConfigReader, SymlinkCheck } from './platform/types';
import { Limiter, Slicer } from './slices';

/** Folders read at the same time while listing. */
const LIST_CONCURRENCY = 8;

export class VscodeWorkspace implements MinutesWorkspace {
  /**
   * `symlinkInside` and `linkedGitConfig` come from the platform (Node's real paths and files); without
   * the first symbolic links are not followed, without the second a `.git` file is not followed.
   */
  constructor(
    readonly folder: vscode.Uri,
    private readonly symlinkInside?: SymlinkCheck,
    private readonly linkedGitConfig?: LinkedGitConfigReader,
    /** Lists a folder on disk off the extension host (the platform's); VS Code lists otherwise. */
    private readonly listFolder?: FolderLister,
  ) {}

  get name(): string {
    return this.folder.scheme === 'file' ? this.folder.fsPath : this.folder.toString();
  }

  uri(path: string): vscode.Uri {
    return path === '' ? this.folder : vscode.Uri.joinPath(this.folder, ...path.split('/'));
  }

  /** The repository path of a URI inside this folder, or undefined. */
  pathOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.folder.scheme || uri.authority !== this.folder.authority) return undefined;
    const base = this.folder.path.endsWith('/') ? this.folder.path : this.folder.path + '/';
    if (!uri.path.startsWith(base)) return undefined;
    const rel = uri.path.slice(base.length);
    return rel === '' ? undefined : rel;
  }

  async list(options: ListOptions = {}): Promise<Listing> {
    const ignore = options.ignoreFolders ?? DEFAULT_IGNORED_FOLDERS;
    if (this.folder.scheme === 'file' && this.listFolder) {
      try {
        const listing = await this.listFolder(this.folder.fsPath, { under: options.under, ignoreFolders: ignore });
        if (listing) return options.signal?.aborted ? { entries: [], skipped: [] } : listing;
      } catch {
        // The thread failed (or took too long): VS Code lists instead.
      }
    }
    return this.listHere(options, ignore);
  }

  /** Lists through VS Code's file system, a folder per turn of the extension host. */
  private async listHere(options: ListOptions, ignore: ReadonlySet<string>): Promise<Listing> {
    // A folder's entries are handled in one go; between folders the extension host gets its turn.
    // Sibling folders are read a few at a time (each answer may wait behind other work in a starting
    // editor), and what they hold is put together in the order a walk one by one would give.
    const slicer = new Slicer();
    const reads = new Limiter(LIST_CONCURRENCY);
    type Found = { entries: WorkspaceEntry[]; skipped: SkippedEntry[] };
    const walk = async (dir: string): Promise<Found> => {
      if (options.signal?.aborted) return { entries: [], skipped: [] };
      let children: [string, vscode.FileType][];
      try {
        children = await reads.run(async () => {
          await slicer.breathe();
          return vscode.workspace.fs.readDirectory(this.uri(dir));
        });
      } catch (error) {
        return { entries: [], skipped: [{ path: dir || '.', reason: `folder could not be read (${describeError(error)})` }] };
      }
      const parts: Array<Found | Promise<Found>> = [];
      for (const [name, type] of children) {
        const path = dir === '' ? name : `${dir}/${name}`;
        if (type & vscode.FileType.SymbolicLink) {
          const verdict = await this.symlinkVerdict(path, type);
          parts.push(verdict ? { entries: [], skipped: [{ path, reason: verdict }] } : { entries: [{ path, type: 'file', size: -1 }], skipped: [] });
        } else if (type & vscode.FileType.Directory) {
          if (ignore.has(name)) continue;
          parts.push({ entries: [{ path, type: 'directory', size: 0 }], skipped: [] });
          parts.push(walk(path));
        } else if (type & vscode.FileType.File) {
          parts.push({ entries: [{ path, type: 'file', size: -1 }], skipped: [] });
        }
      }
      const found = await Promise.all(parts);
      return { entries: found.flatMap((f) => f.entries), skipped: found.flatMap((f) => f.skipped) };
    };
    return walk(options.under ?? '');
  }

  /** Why a symbolic link is not followed, or undefined when it is a file inside the folder. */
  private async symlinkVerdict(path: string, type: vscode.FileType): Promise<string | undefined> {
    if (type & vscode.FileType.Directory) return 'symbolic link to a folder; not followed (its files are indexed at their real place)';
    if (!(type & vscode.FileType.File)) return 'broken symbolic link or link loop; not followed';
    if (this.folder.scheme !== 'file') return 'symbolic link on a remote file system; not followed';
    if (!this.symlinkInside) return 'symbolic link whose target cannot be resolved here; not followed';
    try {
      if (!(await this.symlinkInside(this.folder, this.uri(path)))) return 'symbolic link to a place outside the repository; not followed';
      return undefined;
    } catch {
      return 'broken symbolic link or link loop; not followed';
    }
  }

  async read(path: string, options: ReadOptions = {}): Promise<Uint8Array> {
    // A pipe or a device (directly or through a link) would block or never end: only files are read,
    // and none larger than the caller's limit.
    const uri = this.uri(path);
    const s = await vscode.workspace.fs.stat(uri);
    if (!(s.type & vscode.FileType.File)) throw Object.assign(new Error('not a regular file; not read'), { code: 'ENOTREG' });
    if (options.maxBytes !== undefined && s.size > options.maxBytes) throw Object.assign(new Error(`larger than ${options.maxBytes} bytes; not read`), { code: 'ETOOBIG', size: s.size });
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (options.maxBytes !== undefined && bytes.length > options.maxBytes) throw Object.assign(new Error(`larger than ${options.maxBytes} bytes; not read`), { code: 'ETOOBIG', size: bytes.length });
    return bytes;
  }

  /** A worktree's or submodule's git configuration, on a local disk only (see SECURITY.md). */
  async readLinkedGitConfig(maxBytes: number): Promise<Uint8Array | undefined> {
    return this.folder.scheme === 'file' && this.linkedGitConfig ? this.linkedGitConfig(this.folder, maxBytes) : undefined;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { type: s.type & vscode.FileType.Directory ? 'directory' : s.type & vscode.FileType.File ? 'file' : 'other', size: s.size, mtime: s.mtime };
    } catch {
      return undefined;
    }
  }
}
