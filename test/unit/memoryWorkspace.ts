// A whole repository in memory, for tests: the core's MinutesWorkspace with no file system.
import { DEFAULT_IGNORED_FOLDERS, type FileStat, type ListOptions, type MinutesWorkspace, type SkippedEntry, type WorkspaceEntry } from '../../src/core/workspace';

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

function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
