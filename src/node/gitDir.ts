// The git configuration of a worktree or a submodule, whose `.git` is a file naming its git folder
// elsewhere. Shared by the CLI's and the extension's workspaces (on a local disk).
import * as nodePath from 'node:path';
import { readRegularFile } from './safeFs';

/**
 * The git configuration of a worktree or submodule, whose `.git` is a file `gitdir: <folder>`. It is
 * followed one step only, and only for remote URLs: the `.git` file (small, regular), then the
 * `config` in that folder, or, for a worktree, in the folder its `commondir` file names. Each is a
 * regular file read with a size limit and without following a final symbolic link.
 */
export async function readLinkedGitConfig(root: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const small = 4096;
  const line = async (abs: string): Promise<string | undefined> => {
    try {
      const text = (await readRegularFile(abs, small)).toString('utf8');
      const first = text.split(/\r?\n/, 1)[0].trim();
      return first && !first.includes('\0') ? first : undefined;
    } catch {
      return undefined;
    }
  };
  const dotGit = await line(nodePath.join(root, '.git'));
  const m = dotGit && /^gitdir:\s*(.+)$/.exec(dotGit);
  if (!m) return undefined;
  const gitDir = nodePath.resolve(root, m[1].trim());
  const read = async (folder: string): Promise<Uint8Array | undefined> => {
    try {
      return await readRegularFile(nodePath.join(folder, 'config'), maxBytes);
    } catch {
      return undefined;
    }
  };
  // A worktree's own folder has no config of its own (unless extensions.worktreeConfig): the common one has the remotes.
  const common = await line(nodePath.join(gitDir, 'commondir'));
  if (common) {
    const commonDir = nodePath.resolve(gitDir, common);
    const config = await read(commonDir);
    if (config) return config;
  }
  return read(gitDir);
}


