// `minutes check --fix`: applies the safe fixes, writing each file atomically (a temporary file
// beside it, then a rename), keeping its BOM and line endings, and never over a file that changed.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { MinutesIndex } from '../core/index';
import { checkFile } from '../core/check';
import { applyEdits, safeEdits } from '../core/fix';
import { decodeUtf8 } from '../core/text';
import { hash64 } from '../core/parse';

export interface FixReport {
  fixed: Map<string, number>;
  /** Files left alone, with the reason. */
  refused: Array<{ path: string; reason: string }>;
}

/** Writes `text` to `abs` through a temporary file and a rename, so a reader never sees half a file. */
export async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  // A symbolic link stays one: its target is what gets rewritten.
  const abs = await fs.realpath(path).catch(() => path);
  const tmp = nodePath.join(nodePath.dirname(abs), `.${nodePath.basename(abs)}.minutes-${process.pid}.tmp`);
  const mode = (await fs.stat(abs).catch(() => undefined))?.mode;
  const handle = await fs.open(tmp, 'w', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, abs);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

export async function fixFiles(root: string, index: MinutesIndex, paths: readonly string[], rules?: readonly string[]): Promise<FixReport> {
  const report: FixReport = { fixed: new Map(), refused: [] };
  for (const path of paths) {
    const abs = nodePath.join(root, ...path.split('/'));
    // Fixes can uncover others (a heading fixed, then a link to it resolves): a few passes.
    for (let pass = 0; pass < 3; pass++) {
      const edits = safeEdits(checkFile(index, path, { rules }));
      if (edits.length === 0) break;
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(abs);
      } catch (error) {
        report.refused.push({ path, reason: `could not be read (${(error as { code?: string }).code ?? String(error)}); not rewritten` });
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
      await writeAtomic(abs, out);
      index.update(path, text);
      report.fixed.set(path, (report.fixed.get(path) ?? 0) + edits.length);
    }
  }
  return report;
}
