// The workspace over VS Code's workspace.fs: works on any file system VS Code can open.
import * as vscode from 'vscode';
import type { FileStat, ListOptions, MinutesWorkspace, SkippedEntry, WorkspaceEntry } from '../core/workspace';
import { DEFAULT_IGNORED_FOLDERS } from '../core/workspace';
import { describeError } from '../core/build';
import type { SymlinkCheck } from './platform/types';

export class VscodeWorkspace implements MinutesWorkspace {
  /** `symlinkInside` comes from the platform (Node's real paths); without it symbolic links are not followed. */
  constructor(readonly folder: vscode.Uri, private readonly symlinkInside?: SymlinkCheck) {}

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

  async list(options: ListOptions = {}): Promise<{ entries: WorkspaceEntry[]; skipped: SkippedEntry[] }> {
    const ignore = options.ignoreFolders ?? DEFAULT_IGNORED_FOLDERS;
    const entries: WorkspaceEntry[] = [];
    const skipped: SkippedEntry[] = [];
    const walk = async (dir: string): Promise<void> => {
      if (options.signal?.aborted) return;
      let children: [string, vscode.FileType][];
      try {
        children = await vscode.workspace.fs.readDirectory(this.uri(dir));
      } catch (error) {
        skipped.push({ path: dir || '.', reason: `folder could not be read (${describeError(error)})` });
        return;
      }
      for (const [name, type] of children) {
        const path = dir === '' ? name : `${dir}/${name}`;
        if (type & vscode.FileType.SymbolicLink) {
          const verdict = await this.symlinkVerdict(path, type);
          if (verdict) skipped.push({ path, reason: verdict });
          else entries.push({ path, type: 'file', size: -1 });
        } else if (type & vscode.FileType.Directory) {
          if (ignore.has(name)) continue;
          entries.push({ path, type: 'directory', size: 0 });
          await walk(path);
        } else if (type & vscode.FileType.File) {
          entries.push({ path, type: 'file', size: -1 });
        }
      }
    };
    await walk(options.under ?? '');
    return { entries, skipped };
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

  async read(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { type: s.type & vscode.FileType.Directory ? 'directory' : 'file', size: s.size, mtime: s.mtime };
    } catch {
      return undefined;
    }
  }
}
