// Generates the scaled corpora for the benchmark: N full copies of the minutes corpus side by side,
// bench/corpora/x<N>/copy-0/ … copy-<N-1>/. Reused between runs while the stamp matches.
//
// In copy K, every URL of the minutes repository on GitHub that names a path
// (https://github.com/SovereignCloudStack/minutes/blob|tree|raw|blame|edit/<branch>/<path>) becomes
// …/<branch>/copy-K/<path>, so each copy is a faithful minutes repository: its GitHub URLs name its
// own files, exactly as relative links do. See bench/README.md for why.
//
// Usage: node bench/generate.mjs [scale…]   (default: 10 100; the source is found as in run.mjs)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 2;
export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(benchDir, '..');
export const corporaDir = join(benchDir, 'corpora');
export const defaultSource = resolve(repoRoot, '../shared/corpus/scs-minutes');

const REPO_URL = /(\b(?:https?:)?\/\/(?:www\.)?github\.com\/SovereignCloudStack\/minutes\/(?:blob|tree|raw|blame|edit)\/[^/?#\s)"'<>\]]+\/)/gi;
const RAW_URL = /(\bhttps?:\/\/raw\.githubusercontent\.com\/SovereignCloudStack\/minutes\/[^/?#\s)"'<>\]]+\/)/gi;

/** Every file below `root` (paths relative to it, `/`-separated), sorted; folders listed too. */
export function listTree(root) {
  const files = [];
  const dirs = [];
  const walk = (rel) => {
    const abs = rel ? join(root, rel) : root;
    for (const d of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (d.name === '.git' || d.name === 'node_modules') continue;
        dirs.push(p);
        walk(p);
      } else if (d.isFile()) files.push(p);
    }
  };
  walk('');
  return { files, dirs };
}

export function markdownFiles(root) {
  return listTree(root).files.filter((p) => /\.(md|markdown)$/i.test(p));
}

/** The text of a Markdown file as it appears in copy K. */
export function rewriteForCopy(text, k) {
  return text.replace(REPO_URL, `$1copy-${k}/`).replace(RAW_URL, `$1copy-${k}/`);
}

/** A fingerprint of the source corpus: file list, sizes and mtimes. */
function sourceFingerprint(source, tree) {
  const h = createHash('sha256');
  for (const f of tree.files) {
    const s = statSync(join(source, f));
    h.update(`${f}\0${s.size}\0${Math.floor(s.mtimeMs)}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

export function corpusDir(scale) {
  return join(corporaDir, `x${scale}`);
}

/** Makes sure bench/corpora/x<scale> exists and is current; returns its path and whether it was generated now. */
export function ensureCorpus(scale, source = defaultSource, log = () => {}) {
  const tree = listTree(source);
  const stamp = {
    generator: GENERATOR_VERSION,
    scale,
    source: resolve(source),
    fingerprint: sourceFingerprint(source, tree),
    files: tree.files.length,
    rewrite: 'github.com/SovereignCloudStack/minutes/<mode>/<branch>/ → …/<branch>/copy-K/',
  };
  const dir = corpusDir(scale);
  const stampPath = join(dir, '.bench-stamp.json');
  if (existsSync(stampPath)) {
    try {
      const old = JSON.parse(readFileSync(stampPath, 'utf8'));
      if (JSON.stringify(old) === JSON.stringify(stamp)) return { dir, generated: false, files: tree.files.length * scale };
    } catch {
      // regenerate
    }
  }
  const t0 = performance.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  // Read the source once; write every copy.
  const contents = tree.files.map((f) => {
    const bytes = readFileSync(join(source, f));
    return /\.(md|markdown)$/i.test(f) ? { f, text: bytes.toString('utf8') } : { f, bytes };
  });
  for (let k = 0; k < scale; k++) {
    const base = join(tmp, `copy-${k}`);
    mkdirSync(base, { recursive: true });
    for (const d of tree.dirs) mkdirSync(join(base, d), { recursive: true });
    for (const c of contents) writeFileSync(join(base, c.f), c.text !== undefined ? rewriteForCopy(c.text, k) : c.bytes);
  }
  writeFileSync(join(tmp, '.bench-stamp.json'), JSON.stringify(stamp, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`generated ${relative(repoRoot, dir)}: ${scale} copies, ${tree.files.length * scale} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, generated: true, files: tree.files.length * scale };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const scales = process.argv.slice(2).map(Number).filter((n) => n > 1);
  if (!existsSync(defaultSource)) {
    console.error(`corpus not found at ${defaultSource}; nothing to generate`);
    process.exit(1);
  }
  for (const s of scales.length ? scales : [10, 100]) {
    const r = ensureCorpus(s, defaultSource, console.log);
    if (!r.generated) console.log(`${relative(repoRoot, r.dir)} is current (stamp matches); reused`);
  }
}
