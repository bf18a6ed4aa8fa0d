// One repository of a command line: its index built (or a warm check's findings reused), then the
// command run on it: `check` (with --fix and --changed-since), `weeks`, or a command module.
import * as nodePath from 'node:path';
import { buildIndex, type BuildResult } from '../core/build';
import { describeError } from '../core/workspace';
import { checkFile } from '../core/check';
import { compareDiagnostics, type MinutesDiagnostic } from '../core/diagnostics';
import { formatWeeksJson, formatWeeksText } from './format/weeks';
import { escapePath, escapeText } from './format/escape';
import { fixFiles } from './fixFiles';
import { UsageError, type CliCommand, type CliIo, type CommandContext } from './command';
import { VERSION, type Parsed } from './args';
import { CacheRefused, ParserPool, ParseCache, makeParser } from './parallel';
import { affectedByChanges, baseFilesRead, changedSince, gitBlob, gitBlobs, GitError, type ChangeSet } from './changed';
import { ReadOnceWorkspace, findingsFileOf, loadFindings, saveFindings, type FindingsRecord } from './findingsCache';
import { NodeWorkspace } from '../node/nodeWorkspace';

/** A command line being run, over one repository or several. */
export interface Run {
  parsed: Parsed;
  io: CliIo;
  /** The text of the --config file, when one is given. */
  configText: string | undefined;
  /** The command module (refs, actions, …), unless the command is check or weeks. */
  extension: CliCommand | undefined;
  /** The file being checked (as shown), named by an internal error. */
  current: string;
}

/** What a repository gave: an exit code that ends the run, or its findings for the report. */
export type RepositoryOutcome = { exit: number } | { record: FindingsRecord; writeFailed: boolean };

type Skips = Pick<FindingsRecord, 'skipped' | 'notes'>;

/** A path of the repository as the output shows it: prefixed with the repository's folder when several are checked. */
export function shownPaths(root: string, several: boolean, cwd: string): (path: string) => string {
  const prefix = several ? nodePath.relative(cwd, root).split(nodePath.sep).join('/') : '';
  return (path) => (prefix && path !== '.' ? `${prefix}/${path}` : prefix && path === '.' ? prefix : path);
}

function printSkipped(io: CliIo, shown: (path: string) => string, r: Skips): void {
  for (const s of r.skipped) io.stderr(`${escapePath(shown(s.path))}: skipped: ${escapeText(s.reason)}\n`);
  for (const n of r.notes) io.stderr(`${escapePath(shown(n.path))}: note: ${escapeText(n.reason)}\n`);
}

function parseCacheOf(parsed: Parsed, root: string, cwd: string): ParseCache | undefined {
  if (!parsed.cache) return undefined;
  return parsed.cache === true
    ? new ParseCache(nodePath.join(root, 'node_modules', '.cache', 'minutes', 'parsed.json'), root)
    : new ParseCache(nodePath.resolve(cwd, parsed.cache));
}

/** A warm check's findings, kept by the last run, when nothing its findings depend on changed. */
interface FindingsReuse {
  workspace: ReadOnceWorkspace;
  cache: ParseCache;
  fingerprint: string;
}

export async function runOnRepository(run: Run, root: string, targets: string[], shown: (path: string) => string): Promise<RepositoryOutcome> {
  const { parsed, io } = run;
  const cache = parseCacheOf(parsed, root, io.cwd);
  // check: the files below the given paths.
  const scope = targets.map((t) => nodePath.relative(root, t).split(nodePath.sep).join('/'));
  // git's answers for --changed-since are on their way while the cache is read and the index built.
  const changes = parsed.command === 'check' && !run.extension && parsed.changedSince !== undefined ? askGit(root, parsed.changedSince) : undefined;
  let reuse: FindingsReuse | undefined;
  // A warm check whose inputs did not change reuses the last run's findings.
  if (cache && !run.extension && parsed.command === 'check' && !parsed.fix && parsed.changedSince === undefined) {
    const workspace = new ReadOnceWorkspace(new NodeWorkspace(root));
    const fingerprint = await workspace.fingerprint(JSON.stringify({ version: VERSION, rules: parsed.rules ?? null, scope, config: run.configText ?? null }));
    const record = await loadFindings(cache, fingerprint);
    if (record) {
      printSkipped(io, shown, record);
      return { record, writeFailed: false };
    }
    reuse = { workspace, cache, fingerprint };
  }
  await cache?.load();
  const result = await buildRepository(run, root, reuse?.workspace, cache);
  printSkipped(io, shown, result);
  // Links are checked in any Markdown repository; only the minutes' own rules need minutes.
  const nothingToCheck = result.datedMinutes === 0 && (result.markdownFiles === 0 || parsed.command !== 'check');
  if (result.skipped.some((s) => s.path === '.') || nothingToCheck) {
    return { record: { diagnostics: [], skipped: result.skipped, notes: result.notes, checked: 0, datedMinutes: result.datedMinutes }, writeFailed: false };
  }
  if (run.extension) {
    const context: CommandContext = { io, root, result, format: parsed.format as 'text' | 'json', args: parsed.args, actions: parsed.actions };
    return { exit: await run.extension.run(context) };
  }
  if (parsed.command === 'weeks') {
    const weeks = result.index.weeks();
    io.stdout(parsed.format === 'json' ? formatWeeksJson(weeks) : formatWeeksText(weeks, result.index.layouts()));
    const undated = undatedBesideMinutes(result);
    if (undated.length) {
      const shownFiles = undated.slice(0, 3).map((p) => escapePath(shown(p))).join(', ');
      io.stderr(`minutes: ${undated.length} file${undated.length === 1 ? '' : 's'} beside dated minutes carr${undated.length === 1 ? 'ies' : 'y'} no full date and ${undated.length === 1 ? 'is' : 'are'} in no week: ${shownFiles}${undated.length > 3 ? ', …' : ''} (a name with the meeting's date, YYYY-MM-DD or YYYYMMDD, places a file)\n`);
    }
    return { exit: 0 };
  }
  return checkRepository(run, root, result, scope, shown, reuse, changes);
}

/** The repository's index, parsed on worker threads (from the first file the parse cache does not have). */
async function buildRepository(run: Run, root: string, workspace: ReadOnceWorkspace | undefined, cache: ParseCache | undefined): Promise<BuildResult> {
  const { parsed, io } = run;
  // Threads by default only when run as the command itself, not when main() is called in-process.
  const threads = parsed.jobs ?? (require.main === module ? undefined : 0);
  // Parser threads start at the first file the cache does not have (a warm run needs none).
  let pool: ParserPool | undefined;
  const lazyPool = threads === 0 ? undefined : () => (pool ??= new ParserPool(__filename, threads));
  let result: BuildResult;
  try {
    result = await buildIndex(workspace ?? new NodeWorkspace(root), { configText: run.configText, parse: lazyPool || cache ? makeParser(lazyPool, cache) : undefined });
  } finally {
    await (pool as ParserPool | undefined)?.close();
  }
  if (cache) {
    await cache.save().catch((error) => io.stderr(`minutes: could not write the cache ${escapeText(cache.file)}: ${escapeText(error instanceof Error && error.constructor.name === 'CacheRefused' ? error.message : describeError(error))}\n`));
  }
  return result;
}

/** `check` on a built repository: the files in scope (or changed), fixed with --fix, then checked. */
async function checkRepository(run: Run, root: string, result: BuildResult, scope: string[], shown: (path: string) => string, reuse: FindingsReuse | undefined, changes: Promise<GitAnswers> | undefined): Promise<RepositoryOutcome> {
  const { parsed, io } = run;
  const inScope = (path: string) => scope.some((s) => s === '' || path === s || path.startsWith(`${s}/`));
  let files = [...result.index.markdownFiles()].map((f) => f.path).filter(inScope).sort();
  if (changes && parsed.changedSince !== undefined) files = await changedFiles(root, result, files, parsed.changedSince, await changes, io);
  let writeFailed = false;
  if (parsed.fix) {
    const report = await fixFiles(root, result.index, files, parsed.rules);
    for (const [path, n] of report.fixed) io.stderr(`${escapePath(shown(path))}: fixed ${n} problem${n === 1 ? '' : 's'}\n`);
    for (const r of report.refused) io.stderr(`${escapePath(shown(r.path))}: not fixed: ${escapeText(r.reason)}\n`);
    for (const r of report.failed) io.stderr(`${escapePath(shown(r.path))}: not fixed: ${escapeText(r.reason)}\n`);
    if (report.failed.length) writeFailed = true;
  }
  const found: MinutesDiagnostic[] = [];
  for (const path of files) {
    run.current = shown(path);
    found.push(...checkFile(result.index, path, { rules: parsed.rules }));
  }
  run.current = '';
  found.sort(compareDiagnostics);
  const record: FindingsRecord = { diagnostics: found, skipped: result.skipped, notes: result.notes, checked: files.length, datedMinutes: result.datedMinutes };
  if (reuse) {
    const { cache, fingerprint } = reuse;
    await saveFindings(cache, fingerprint, record).catch((error) => io.stderr(`minutes: could not write the cache ${escapeText(findingsFileOf(cache.file))}: ${escapeText(error instanceof CacheRefused ? error.message : describeError(error))}\n`));
  }
  return { record, writeFailed };
}

/** What git says of a `--changed-since`/`--changed` check's changes, with the base's content of the files the check reads there. */
type GitAnswers = { error: unknown } | { changes: ChangeSet; blobs: Promise<Map<string, Uint8Array>> };

/** Asks git at once: its processes run while this one reads the cache and builds the index. */
function askGit(root: string, changedSinceRef: string): Promise<GitAnswers> {
  return changedSince(root, changedSinceRef || undefined).then(
    (changes) => {
      // The base's content of the changed files, read by one process; a file it cannot give is read on its own.
      const blobs = gitBlobs(root, changes.base, baseFilesRead(changes.changes)).catch(() => new Map<string, Uint8Array>());
      return { changes, blobs };
    },
    (error: unknown) => ({ error }),
  );
}

/** The files a `--changed-since`/`--changed` check looks at: those changed and those whose findings the changes can change. */
async function changedFiles(root: string, result: BuildResult, files: string[], changedSinceRef: string, answers: GitAnswers, io: CliIo): Promise<string[]> {
  const ref = changedSinceRef || undefined;
  if ('error' in answers) {
    if (answers.error instanceof GitError) throw new UsageError(`${ref ? '--changed-since' : '--changed'} needs git: ${answers.error.message}`);
    throw answers.error;
  }
  const { changes } = answers;
  const blobs = await answers.blobs;
  const scope = await affectedByChanges(result, changes.changes, (path) => Promise.resolve(blobs.get(path) ?? gitBlob(root, changes.base, path)));
  const all = files.length;
  const kept = scope.all ? files : files.filter((f) => scope.paths.has(f));
  const since = ref ? `since ${escapeText(ref)}` : 'since the last commit';
  io.stderr(
    scope.all
      ? `minutes: checked all ${all} files: the changes ${since} touch the configuration or the repository's identity\n`
      : `minutes: checked ${kept.length} of ${all} files: ${kept.filter((f) => scope.changed.has(f)).length} changed ${since}, ${kept.filter((f) => !scope.changed.has(f)).length} whose findings the changes can change\n`,
  );
  return kept;
}

/**
 * Markdown files that look like meeting records but carry no full date: a number in the name
 * (`CG-06.md`, `2021-01-update.md`), in a folder that holds dated minutes. `weeks` leaves them out.
 */
function undatedBesideMinutes(result: BuildResult): string[] {
  const folders = new Set<string>();
  for (const m of result.index.minutes()) folders.add(nodePath.posix.dirname(m.file));
  const out: string[] = [];
  for (const f of result.index.markdownFiles()) {
    if (f.name.date || !folders.has(nodePath.posix.dirname(f.path))) continue;
    // A number standing on its own (`CG-06`, `2021-01-…`), not part of a word (`ES6`).
    if (/(?<![A-Za-z\d])\d+(?![A-Za-z\d])/.test(nodePath.posix.basename(f.path).replace(/\.\w+$/, ''))) out.push(f.path);
  }
  return out.sort();
}
