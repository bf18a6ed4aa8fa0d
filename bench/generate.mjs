// Generates the scaled corpora for the benchmark: N full copies of the minutes corpus side by side,
// bench/corpora/x<N>/copy-0/ … copy-<N-1>/. Reused between runs while the stamp matches.
//
// In copy K, every URL of the minutes repository on GitHub that names a path
// (https://github.com/SovereignCloudStack/minutes/blob|tree|raw|blame|edit/<branch>/<path>) becomes
// …/<branch>/copy-K/<path>, so each copy is a faithful minutes repository: its GitHub URLs name its
// own files, exactly as relative links do. Each Markdown file of copy K also ends with the comment
// `<!-- bench: copy-K/ -->`, so copies are not byte-identical twins of each other (N× the corpus is
// then a repository N times as large, not one with every file duplicated N times). See bench/README.md.
//
// Usage: node bench/generate.mjs [scale…]   (default: 10 100; the source is found as in run.mjs)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 4;
export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(benchDir, '..');
export const corporaDir = join(benchDir, 'corpora');
export const defaultSource = resolve(repoRoot, '../shared/corpus/scs-minutes');

// <prefix>/<branch>/<path>: group 1 the prefix, group 2 the branch segment.
const REPO_URL = /(\b(?:https?:)?\/\/(?:www\.)?github\.com\/SovereignCloudStack\/minutes\/(?:blob|tree|raw|blame|edit)\/)([^/?#\s)"'<>\]]+)\//gi;
const RAW_URL = /(\bhttps?:\/\/raw\.githubusercontent\.com\/SovereignCloudStack\/minutes\/)([^/?#\s)"'<>\]]+)\//gi;

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
export function rewriteForCopy(text, k, topLevel = new Set()) {
  // …/<branch>/<path> → …/<branch>/copy-K/<path>. A URL written without its branch
  // (…/tree/community-call/…, which GitHub answers with 404) names a top-level folder where the
  // branch belongs; in copy K that folder is copy-K/community-call, so it becomes
  // …/tree/copy-K/community-call/…: still without a branch, still naming a top-level folder.
  const rewrite = (_m, prefix, seg) => (topLevel.has(seg) ? `${prefix}copy-${k}/${seg}/` : `${prefix}${seg}/copy-${k}/`);
  const body = text.replace(REPO_URL, rewrite).replace(RAW_URL, rewrite);
  // The marker keeps the file's ending as it was (with or without a final line break).
  const nl = /\r\n$/.test(body) ? '\r\n' : /\n$/.test(body) ? '\n' : '';
  const marker = `<!-- bench: copy-${k}/ -->`;
  return nl ? `${body}${marker}${nl}` : `${body}\n${marker}`;
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
    rewrite: 'github.com/SovereignCloudStack/minutes/<mode>/<branch>/ → …/<branch>/copy-K/ (…/<mode>/<top-level folder>/ → …/<mode>/copy-K/<folder>/); marker <!-- bench: copy-K/ --> at the end',
  };
  const dir = corpusDir(scale);
  const stampPath = join(dir, '.bench-stamp.json');
  if (existsSync(stampPath)) {
    try {
      const old = JSON.parse(readFileSync(stampPath, 'utf8'));
      if (JSON.stringify(old) === JSON.stringify(stamp)) return { dir, generated: false, ...JSON.parse(readFileSync(join(dir, '.bench-info.json'), 'utf8')) };
    } catch {
      // regenerate
    }
  }
  const t0 = performance.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const topLevel = new Set([...tree.dirs, ...tree.files].filter((p) => !p.includes('/')));
  // Read the source once; write every copy.
  const contents = tree.files.map((f) => {
    const bytes = readFileSync(join(source, f));
    return /\.(md|markdown)$/i.test(f) ? { f, text: bytes.toString('utf8') } : { f, bytes };
  });
  let markdownBytes = 0;
  let markdownFiles = 0;
  for (let k = 0; k < scale; k++) {
    const base = join(tmp, `copy-${k}`);
    mkdirSync(base, { recursive: true });
    for (const d of tree.dirs) mkdirSync(join(base, d), { recursive: true });
    for (const c of contents) {
      if (c.text === undefined) writeFileSync(join(base, c.f), c.bytes);
      else {
        const bytes = Buffer.from(rewriteForCopy(c.text, k, topLevel), 'utf8');
        writeFileSync(join(base, c.f), bytes);
        markdownBytes += bytes.length;
        markdownFiles++;
      }
    }
  }
  const info = { files: tree.files.length * scale, markdownFiles, markdownBytes };
  writeFileSync(join(tmp, '.bench-info.json'), JSON.stringify(info) + '\n');
  // The stamp goes last: a corpus without it is incomplete and is generated again.
  writeFileSync(join(tmp, '.bench-stamp.json'), JSON.stringify(stamp, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`generated ${relative(repoRoot, dir)}: ${scale} copies, ${tree.files.length * scale} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, generated: true, ...info };
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
