// In-core measures on a large corpus (bundled by bench/run.mjs with esbuild; parse-memo.ts stands in
// for index.ts's parser import while the index is built, see there):
//   - the keystroke case: one character typed in one file → index.update(path, text) → checkFile for
//     every affected path; against parsing that one file alone;
//   - the same with the character typed into a heading (files linking to it are rechecked too);
//   - a file renamed → index.rename(from, to) → checkFile for every affected path;
//   - a full check of the built index (every file through checkFile, as the CLI does), sampled and
//     projected when it would take longer than --check-seconds.
// Usage: node [--expose-gc] bench/.build/core-bench.js <corpus> [--runs N] [--copy K] [--check-seconds S] [--profile-check FILE]
// Prints one JSON object on stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as nodePath from 'node:path';
import { buildIndex } from '../src/core/build';
import { checkAll, checkFile } from '../src/core/check';
// checkAll is what a change that affects everything (affected.all) triggers.
import type { MinutesIndex } from '../src/core/index';
import { DEFAULT_IGNORED_FOLDERS, type FileStat, type MinutesWorkspace, type WorkspaceEntry } from '../src/core/workspace';
import { readdirSync, statSync } from 'node:fs';
import { memo, parseMinutes as realParse, verifyMemo } from './parse-memo';

interface Stats {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { runs: s.length, medianMs: round(median), minMs: round(s[0]), maxMs: round(s[s.length - 1]) };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

/** index.update / rename returns what may have changed; this rechecks it as the extension does. */
function recheck(index: MinutesIndex, affected: { all: boolean; paths: Set<string> }): number {
  if (affected.all) {
    checkAll(index);
    return index.size;
  }
  for (const p of affected.paths) checkFile(index, p);
  return affected.paths.size;
}

/** A line to type into: prose, outside code, no link or markup syntax on it. */
function proseLine(lines: string[]): number {
  let fence = false;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    if (fence || /^\s{0,3}#/.test(l) || !/[A-Za-z]{3}/.test(l) || /[[\]()<>`|#@*_\\:]/.test(l) || /^\s*(\d+\.|[-+*])?\s*$/.test(l)) continue;
    if (/^ {4}|^\t/.test(l)) continue;
    return i;
  }
  return -1;
}

function headingLine(lines: string[]): number {
  let fence = false;
  for (let i = 1; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) fence = !fence;
    if (!fence && /^#{2,6} +[A-Za-z]/.test(lines[i])) return i;
  }
  return lines.findIndex((l) => /^# +[A-Za-z]/.test(l));
}

function withTyped(text: string, line: number): string {
  const lines = text.split('\n');
  const l = lines[line];
  const cr = l.endsWith('\r') ? '\r' : '';
  lines[line] = l.slice(0, l.length - cr.length) + 'x' + cr;
  return lines.join('\n');
}

/**
 * The folder through synchronous fs calls: the index is built from it as the CLI builds it, without
 * the CLI's per-file guards (symbolic links, realpath), whose cost belongs to the cold CLI runs.
 */
class SyncFolder implements MinutesWorkspace {
  constructor(readonly name: string) {}
  async list(): Promise<{ entries: WorkspaceEntry[]; skipped: [] }> {
    const entries: WorkspaceEntry[] = [];
    const walk = (rel: string) => {
      for (const d of readdirSync(rel ? nodePath.join(this.name, rel) : this.name, { withFileTypes: true })) {
        const p = rel ? `${rel}/${d.name}` : d.name;
        if (d.isDirectory()) {
          if (DEFAULT_IGNORED_FOLDERS.has(d.name)) continue;
          entries.push({ path: p, type: 'directory', size: 0 });
          walk(p);
        } else if (d.isFile()) entries.push({ path: p, type: 'file', size: -1 });
      }
    };
    walk('');
    return { entries, skipped: [] };
  }
  async read(path: string): Promise<Uint8Array> {
    return readFileSync(nodePath.join(this.name, path));
  }
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const st = statSync(nodePath.join(this.name, path));
      return { type: st.isDirectory() ? 'directory' : 'file', size: st.size, mtime: st.mtimeMs };
    } catch {
      return undefined;
    }
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = nodePath.resolve(args[0]);
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const runs = opt('--runs', 21);
  const out: Record<string, unknown> = { corpus: root };

  // ---- build (memoized parse: see parse-memo.ts) -------------------------------------------
  memo.enabled = true;
  const t0 = performance.now();
  const built = await buildIndex(new SyncFolder(root));
  const buildMs = performance.now() - t0;
  memo.enabled = false;
  const index = built.index;
  const copies = new Set([...index.markdownFiles()].map((f) => /^copy-(\d+)\//.exec(f.path)?.[1]).filter((x) => x !== undefined));
  const scale = copies.size || 1;
  out.scale = scale;
  out.markdownFiles = index.size;
  out.build = {
    ms: round(buildMs),
    realParses: memo.realParses,
    cloned: memo.cloned,
    derived: memo.derived,
    fallbacks: memo.fallbacks,
  };
  if (scale > 1) {
    // A copy of each digit count: its models were derived, not parsed.
    const ks = [...new Set([Math.min(scale - 1, 7), ...(scale > 37 ? [37] : []), ...(scale > 100 ? [scale - 1] : [])])];
    (out.build as Record<string, unknown>).verified = ks.map((k) => verifyMemo(k, 8));
  }

  // ---- full check of the built index (checkFile over every file, as the CLI does) -----------
  // Within --check-seconds; past that, a spread sample (every p-th file, p coprime with the count,
  // so every file of the corpus tree is as likely) and the full time projected from it.
  const paths = [...index.markdownFiles()].map((f) => f.path);
  const capMs = opt('--check-seconds', 60) * 1000;
  let stride = paths.length > 1 ? 101 : 1;
  while (stride > 1 && gcd(stride, paths.length) !== 1) stride++;
  const found: ReturnType<typeof checkFile> = [];
  let checked = 0;
  let checkMs = 0;
  // The check phase is profiled (--profile-check FILE): where a full check spends its time at this size.
  const profileArg = args.indexOf('--profile-check');
  const session = profileArg >= 0 ? new Session() : undefined;
  const post = (method: string, params?: object) =>
    new Promise<any>((res, rej) => session!.post(method, params ?? {}, (err, result) => (err ? rej(err) : res(result))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 1000 });
    await post('Profiler.start');
  }
  for (let i = 0; i < paths.length && checkMs < capMs; i++) {
    const p = paths[(i * stride) % paths.length];
    const t = performance.now();
    found.push(...checkFile(index, p));
    checkMs += performance.now() - t;
    checked++;
  }
  if (session) {
    const { profile } = await post('Profiler.stop');
    writeFileSync(args[profileArg + 1], JSON.stringify(profile));
    session.disconnect();
  }
  const exact = checked === paths.length;
  out.checkAll = {
    exact,
    checkedFiles: checked,
    ms: round(checkMs),
    projectedMs: round(exact ? checkMs : (checkMs / checked) * paths.length),
    findings: exact ? found.length : Math.round((found.length / checked) * paths.length),
    byRuleSeverity: countBy(found, (d) => `${d.rule}/${d.severity}`),
  };

  // ---- the files we type into ----------------------------------------------------------------
  const copy = opt('--copy', scale > 1 ? Math.floor(scale / 2) : -1);
  const prefix = copy >= 0 ? `copy-${copy}/` : '';
  const inCopy = [...index.markdownFiles()].filter((f) => f.path.startsWith(prefix));
  const weeklies = inCopy.filter((f) => /(^|\/)community-call\//.test(f.path));
  // The weekly that links the most team minutes (the hub a keystroke's changes could ripple from).
  const teamTargetsOf = (f: (typeof inCopy)[number]) =>
    f.doc.links
      .map((l) => index.resolve(f.path, l))
      .flatMap((t) => (t.kind === 'internal' && t.path !== f.path && index.get(t.path)?.name.date && !t.path.includes('community-call/') ? [t.path] : []));
  const weekly = (weeklies.length ? weeklies : inCopy)
    .map((f) => ({ f, n: new Set(teamTargetsOf(f)).size }))
    .reduce((a, b) => (b.n > a.n || (b.n === a.n && b.f.path < a.f.path) ? b : a)).f;
  const teamTargets = [...new Set(teamTargetsOf(weekly))];
  // Prefer a team file whose copies differ (a file byte-identical in all N copies is an artefact of the
  // generated corpus: its duplicates would be rechecked on every change).
  const distinct = teamTargets.find((p) => /github\.com\/SovereignCloudStack\/minutes\//i.test(readFileSync(nodePath.join(root, p), 'utf8')));
  const team = distinct ?? teamTargets[0];
  const read = (p: string) => readFileSync(nodePath.join(root, p), 'utf8');

  // ---- keystroke in prose ----------------------------------------------------------------------
  const keystroke = (path: string, line: number) => {
    const original = read(path);
    const typed = withTyped(original, line);
    const update: number[] = [];
    const parse: number[] = [];
    let rechecked = 0;
    // A warm-up pair, as an editing session is warm; the first measured run is still in the max.
    for (let i = 0; i < runs + 2; i++) {
      const text = i % 2 === 0 ? typed : original;
      let n = 0;
      const ms = time(() => (n = recheck(index, index.update(path, text))));
      const p = time(() => realParse(text));
      if (i >= 2) {
        update.push(ms);
        parse.push(p);
        rechecked = Math.max(rechecked, n);
      }
    }
    index.update(path, original);
    return { file: path, line: line + 1, linkedFrom: index.backlinks(path).length, bytes: Buffer.byteLength(original), links: index.get(path)?.doc.links.length, recheckedFiles: rechecked, updateAndRecheck: stats(update), parseAlone: stats(parse) };
  };
  const weeklyLines = read(weekly.path).split('\n');
  const pl = proseLine(weeklyLines);
  if (pl >= 0) out.keystroke = keystroke(weekly.path, pl);
  if (team) {
    const hl = headingLine(read(team).split('\n'));
    if (hl >= 0) out.keystrokeHeading = keystroke(team, hl);
  }

  // ---- rename ---------------------------------------------------------------------------------
  if (team) {
    const from = team;
    const m = /(\d{8})(\.md)$/.exec(from);
    let to = from.replace(/\.md$/, '-renamed.md');
    if (m) {
      const d = new Date(`${m[1].slice(0, 4)}-${m[1].slice(4, 6)}-${m[1].slice(6, 8)}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      const next = from.slice(0, m.index) + d.toISOString().slice(0, 10).replace(/-/g, '') + m[2];
      if (!index.hasFile(next)) to = next;
    }
    const samples: number[] = [];
    let rechecked = 0;
    for (let i = 0; i < runs + 2; i++) {
      const [a, b] = i % 2 === 0 ? [from, to] : [to, from];
      let n = 0;
      const ms = time(() => (n = recheck(index, index.rename(a, b))));
      if (i >= 2) {
        samples.push(ms);
        rechecked = Math.max(rechecked, n);
      }
    }
    if (index.hasFile(to)) index.rename(to, from);
    out.rename = { from, to, recheckedFiles: rechecked, renameAndRecheck: stats(samples) };
  }
  (globalThis as { gc?: () => void }).gc?.();
  out.memory = { afterGc: typeof (globalThis as { gc?: unknown }).gc === 'function', rssMb: Math.round(process.memoryUsage().rss / 1048576), heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576) };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((error) => {
  process.stderr.write(`core-bench: ${error?.stack ?? error}\n`);
  process.exitCode = 2;
});
