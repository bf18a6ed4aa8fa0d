// The workspace over Node's fs, for the CLI (and the extension's listing on a parser thread): never
// follows a link out of the root or into a loop.
import { promises as fs, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { DEFAULT_IGNORED_FOLDERS, describeError, type FileStat, type ListOptions, type MinutesWorkspace, type ReadOptions, type SkippedEntry, type WorkspaceEntry } from '../core/workspace';
import { CAN_REFUSE_LINKS, readRegularFileSync } from './safeFs';
import { readLinkedGitConfig } from './gitDir';
import { isMarkdownPath } from '../core/paths';

export class NodeWorkspace implements MinutesWorkspace {
  readonly root: string;
  private realRoot: Promise<string> | undefined;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  get name(): string {
    return this.root;
  }

  private abs(path: string): string {
    const abs = nodePath.resolve(this.root, ...path.split('/'));
    const rel = nodePath.relative(this.root, abs);
    if (isOutside(rel)) throw new Error(`refusing to read outside the repository: ${path}`);
    return abs;
  }

  async list(options: ListOptions = {}): Promise<{ entries: WorkspaceEntry[]; skipped: SkippedEntry[] }> {
    const ignore = options.ignoreFolders ?? DEFAULT_IGNORED_FOLDERS;
    const entries: WorkspaceEntry[] = [];
    const skipped: SkippedEntry[] = [];
    let realRoot: string;
    try {
      realRoot = await this.realRootPath();
    } catch (error) {
      this.realRoot = undefined;
      return { entries, skipped: [{ path: '.', reason: `the repository folder could not be read (${describeError(error)})` }] };
    }
    const walk = async (dir: string): Promise<void> => {
      if (options.signal?.aborted) return;
      let names;
      try {
        names = await fs.readdir(dir === '' ? this.root : this.abs(dir), { withFileTypes: true });
      } catch (error) {
        skipped.push({ path: dir || '.', reason: `folder could not be read (${describeError(error)})` });
        return;
      }
      // Only Markdown files are sized; the other files' sizes are never read (-1: not known), so a
      // folder of thousands of images costs no stat each. Each stat is made at once on this thread
      // (the command line's, or a parser thread's): a round trip through the thread pool per file
      // cost more than the stat itself.
      const sizeOf = (path: string): number | Error => {
        try {
          return statSync(this.abs(path)).size;
        } catch (error) {
          return error as Error;
        }
      };
      for (let i = 0; i < names.length; i++) {
        const d = names[i];
        const path = dir === '' ? d.name : `${dir}/${d.name}`;
        if (d.isDirectory()) {
          if (ignore.has(d.name)) continue;
          entries.push({ path, type: 'directory', size: 0 });
          await walk(path);
        } else if (d.isFile()) {
          const size = isMarkdownPath(d.name) ? sizeOf(path) : -1;
          if (typeof size !== 'number') {
            skipped.push({ path, reason: `could not be read (${describeError(size)})` });
            continue;
          }
          entries.push({ path, type: 'file', size });
        } else if (d.isSymbolicLink()) {
          const reason = await this.symlinkReason(path, realRoot);
          if (typeof reason === 'string') skipped.push({ path, reason });
          else entries.push({ path, type: 'file', size: reason.size });
        } else if (isMarkdownPath(path)) {
          // A pipe, socket or device named like minutes: reading it would block or never end.
          skipped.push({ path, reason: 'not a regular file (a pipe, socket or device); not read' });
        }
      }
    };
    await walk(options.under ?? '');
    return { entries, skipped };
  }

  /** A link to a file inside the repository is read like the file; anything else is skipped, with the reason. */
  private async symlinkReason(path: string, realRoot: string): Promise<string | { size: number }> {
    let real: string;
    try {
      real = await fs.realpath(this.abs(path));
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === 'ELOOP' ? 'symbolic link loop; not followed' : 'broken symbolic link; not followed';
    }
    const rel = nodePath.relative(realRoot, real);
    if (isOutside(rel)) return 'symbolic link to a place outside the repository; not followed';
    const stat = await fs.stat(real);
    if (stat.isDirectory()) return 'symbolic link to a folder; not followed (its files are indexed at their real place)';
    // A pipe or device would block or never end when read.
    if (!stat.isFile()) return 'symbolic link to something that is not a file; not followed';
    return { size: stat.size };
  }

  private realRootPath(): Promise<string> {
    this.realRoot ??= fs.realpath(this.root);
    return this.realRoot;
  }

  async read(path: string, options: ReadOptions = {}): Promise<Uint8Array> {
    const abs = this.abs(path);
    const max = options.maxBytes ?? MAX_READ;
    // Only a path through a symbolic link can lead elsewhere: the file itself, or a folder on the
    // way (whose real place is looked up once per folder and run).
    const slash = path.lastIndexOf('/');
    const folderInside = slash < 0 || (await this.folderInside(path.slice(0, slash)));
    const viaRealPath = async () => {
      const real = await fs.realpath(abs);
      const rel = nodePath.relative(await this.realRootPath(), real);
      if (isOutside(rel)) throw new Error('it leads outside the repository');
      return readRegularFileSync(real, max);
    };
    if (!folderInside) return viaRealPath();
    // Opened without following a link, only a regular file, never more than the limit. Where the
    // system cannot refuse a final link when opening (no O_NOFOLLOW), it is looked for first.
    if (!CAN_REFUSE_LINKS) return (await fs.lstat(abs)).isSymbolicLink() ? viaRealPath() : readRegularFileSync(abs, max);
    try {
      return readRegularFileSync(abs, max);
    } catch (error) {
      // A link: followed only to a file inside the repository.
      if ((error as { code?: string }).code === 'ESYMLINK') return viaRealPath();
      throw error;
    }
  }

  async readLinkedGitConfig(maxBytes: number): Promise<Uint8Array | undefined> {
    return readLinkedGitConfig(this.root, maxBytes);
  }

  private readonly folders = new Map<string, Promise<boolean>>();

  /** The folder's real place is where its path says, inside the repository (no symbolic link on the way). */
  private folderInside(folder: string): Promise<boolean> {
    let known = this.folders.get(folder);
    if (!known) {
      known = (async () => {
        const abs = this.abs(folder);
        const real = await fs.realpath(abs);
        return real === nodePath.join(await this.realRootPath(), nodePath.relative(this.root, abs));
      })().catch(() => false);
      this.folders.set(folder, known);
      // A folder can be replaced by a link later (the extension keeps a workspace for its life).
      setTimeout(() => this.folders.delete(folder), 2000).unref?.();
    }
    return known;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(this.abs(path));
      return { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  }
}

/** A path relative to the root leads out of it (`..`, `../x`), unlike a name such as `..notes.md`. */
function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('..' + nodePath.sep) || rel.startsWith('../') || nodePath.isAbsolute(rel);
}

/** No single file of a repository is read beyond this, whatever a caller asks (memory stays bounded). */
const MAX_READ = 64 * 1024 * 1024;

