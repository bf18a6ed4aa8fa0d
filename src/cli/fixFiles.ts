// `minutes check --fix`: applies the safe fixes, writing each file atomically (a temporary file
// beside it, then a rename), keeping its BOM and line endings, and never over a file that changed.
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { MinutesIndex } from '../core/index';
import { checkFile } from '../core/check';
import { applyEdits, safeEdits } from '../core/fix';
import { decodeUtf8 } from '../core/text';
import { hash64 } from '../core/parse';
import { isInside, readRegularFile, writeFileAtomic } from '../node/safeFs';

export interface FixReport {
  fixed: Map<string, number>;
  /** Files left alone on purpose, with the reason. */
  refused: Array<{ path: string; reason: string }>;
  /** Files whose fix could not be written (the run went on; the exit code says it failed). */
  failed: Array<{ path: string; reason: string }>;
}

/** A file --fix leaves alone, with the reason (not an error: the run goes on). */
export class FixRefused extends Error {}

/** Minutes are small; a file larger than this is not rewritten. */
const MAX_FIX_BYTES = 64 * 1024 * 1024;

/**
 * Writes `bytes` over the file at `path` through writeFileAtomic (a temporary file beside the real
 * file, then a rename), keeping the file's mode. Refused (FixRefused): a file
 * whose real place is outside `root`, not a regular file, read-only, with other hard links (a
 * rename would split them), or whose bytes are no longer `expected` just before the rename.
 */
export async function writeAtomic(path: string, bytes: Uint8Array, options: { root?: string; expected?: Uint8Array } = {}): Promise<void> {
  // A symbolic link stays one: its target is what gets rewritten.
  const abs = await fs.realpath(path).catch(() => path);
  if (options.root) {
    const realRoot = await fs.realpath(options.root);
    if (!isInside(realRoot, abs)) throw new FixRefused('a symbolic link to a place outside the repository; not rewritten');
  }
  const stat = await fs.lstat(abs);
  if (!stat.isFile()) throw new FixRefused('not a regular file; not rewritten');
  if (stat.nlink > 1) throw new FixRefused(`it has ${stat.nlink} hard links, which a rewrite would split; not rewritten`);
  if ((stat.mode & 0o200) === 0 || !(await fs.access(abs, fsConstants.W_OK).then(() => true, () => false))) throw new FixRefused('read-only; not rewritten');
  await writeFileAtomic(abs, bytes, {
    mode: stat.mode & 0o7777,
    sync: true,
    // The last moment before the rename: a change made meanwhile wins over the fix.
    beforeRename: async () => {
      if (!options.expected) return;
      const now = await readRegularFile(abs, MAX_FIX_BYTES).catch(() => undefined);
      if (!now || !Buffer.from(options.expected).equals(now)) throw new FixRefused('changed on disk while fixing; not rewritten');
    },
  });
}

function reasonOf(error: unknown): string {
  if (error instanceof FixRefused) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

export async function fixFiles(root: string, index: MinutesIndex, paths: readonly string[], rules?: readonly string[]): Promise<FixReport> {
  const report: FixReport = { fixed: new Map(), refused: [], failed: [] };
  for (const path of paths) {
    const abs = nodePath.join(root, ...path.split('/'));
    // Fixes can uncover others (a heading fixed, then a link to it resolves): a few passes.
    for (let pass = 0; pass < 3; pass++) {
      const edits = safeEdits(checkFile(index, path, { rules }));
      if (edits.length === 0) break;
      let bytes: Buffer;
      try {
        const real = await fs.realpath(abs);
        bytes = await readRegularFile(real, MAX_FIX_BYTES);
      } catch (error) {
        report.refused.push({ path, reason: `could not be read (${reasonOf(error)}); not rewritten` });
        break;
      }
      const decoded = decodeUtf8(bytes);
      if (decoded.invalidUtf8) {
        report.refused.push({ path, reason: 'not valid UTF-8; not rewritten' });
        break;
      }
      const file = index.get(path);
      // The index must describe exactly what is on disk, or the ranges point elsewhere.
      if (!file || hash64(decoded.text) !== file.doc.hash) {
        report.refused.push({ path, reason: 'changed on disk while checking; not rewritten' });
        break;
      }
      const text = applyEdits(decoded.text, edits);
      const out = Buffer.from((decoded.hasBom ? '\uFEFF' : '') + text, 'utf8');
      try {
        await writeAtomic(abs, out, { root, expected: bytes });
      } catch (error) {
        if (error instanceof FixRefused) report.refused.push({ path, reason: error.message });
        else report.failed.push({ path, reason: `could not be written (${reasonOf(error)})` });
        break;
      }
      index.update(path, text);
      report.fixed.set(path, (report.fixed.get(path) ?? 0) + edits.length);
    }
  }
  return report;
}
