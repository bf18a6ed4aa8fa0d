// The `minutes` command line: the same core as the extension, for a terminal and for CI.
// `main` returns the exit code: 0 nothing at error level, 1 findings at error level, 2 usage error or crash.
import * as nodePath from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { NodeWorkspace } from './nodeWorkspace';
import { buildIndex, describeError, type BuildResult } from '../core/build';
import { checkFile } from '../core/check';
import { compareDiagnostics, type MinutesDiagnostic } from '../core/diagnostics';
import { allRules } from '../core/rules/index';
import { formatJson, formatText } from './format/diagnostics';
import { formatGithub, formatSarif } from './format/annotations';
import { formatWeeksJson, formatWeeksText } from './format/weeks';
import { parseDatedPath } from '../core/layout';
import { fixFiles } from './fixFiles';
import { commandExtensions, type CommandContext } from './commands';
import { CacheRefused, ParserPool, ParseCache, makeParser, runWorkerIfAsked } from './parallel';
import { escapePath, escapeText } from './format/escape';
import { readRegularFile } from '../node/safeFs';
import { MAX_CONFIG_SIZE } from '../core/build';
import { affectedByChanges, changedSince, gitBlob, GitError } from './changed';
import { ReadOnceWorkspace, findingsFileOf, loadFindings, saveFindings, type FindingsRecord } from './findingsCache';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const VERSION = '0.1.0';

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: minutes <command> [arguments] [options]

Commands:
  check [paths…]     Report broken links and other problems in a minutes repository (a folder,
                     or files and folders inside one).
  weeks [folder]     List the repository by ISO week: the weekly and each team's minutes.
${commandExtensions.map((c) => `  ${c.usage.padEnd(18)} ${c.summary}\n`).join('')}
Options:
  --format F     text (default), json, github (workflow annotations) or sarif (the last two: check only).
  --rule ID      Only this rule (repeatable). Rules: ${allRules.map((r) => r.id).join(', ')}.
  --fix          Apply the fixes that need no choice, writing each file atomically.
  --config F     Use this configuration file instead of the repository's .minutes.jsonc.
  --cache        Keep parsed files in node_modules/.cache/minutes (or --cache-location F) and
                 parse only what changed since the last run.
  --jobs N       Parser threads (default: one per core; 0 parses on the main thread, without the
                 per-file time budget: only for repositories you trust).
  --changed-since REF
                 Check only the files changed since the git revision REF (since its merge base with
                 HEAD, as a pull request does; working tree included) and every file whose findings
                 those changes can change (check only).
  --changed      The same for the changes not yet committed (since HEAD).
  -h, --help     Show this help.
  --version      Show the version.

Exit codes: 0 no findings at error level, 1 findings at error level, 2 usage error or internal error.
`;

export class UsageError extends Error {}

interface Parsed {
  command: string;
  args: string[];
  format: Format;
  rules?: string[];
  fix: boolean;
  config?: string;
  cache?: string | true;
  jobs?: number;
  /** Only what changed since this git revision ('' for HEAD, with --changed). */
  changedSince?: string;
}

function parseArgs(argv: string[]): Parsed | 'help' | 'version' {
  const positional: string[] = [];
  let format: Format = 'text';
  const rules: string[] = [];
  let fix = false;
  let config: string | undefined;
  let cache: string | true | undefined;
  let jobs: number | undefined;
  let changed: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '--version') return 'version';
    if (flag === '--format') {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (use ${FORMATS.join(', ')})`);
      format = f as Format;
    } else if (flag === '--rule') {
      const r = value();
      if (!allRules.some((rule) => rule.id === r)) throw new UsageError(`unknown rule "${r}" (rules: ${allRules.map((x) => x.id).join(', ')})`);
      rules.push(r);
    } else if (flag === '--fix') {
      fix = true;
    } else if (flag === '--config') {
      config = value();
    } else if (flag === '--cache') {
      cache = inline ?? true;
    } else if (flag === '--cache-location') {
      cache = value();
    } else if (flag === '--jobs') {
      jobs = Number(value());
      if (!Number.isInteger(jobs) || jobs < 0 || jobs > 64) throw new UsageError('--jobs takes a whole number from 0 to 64');
    } else if (flag === '--changed-since') {
      changed = value();
      if (!changed || changed.startsWith('-')) throw new UsageError(`--changed-since takes a git revision, not "${changed}"`);
    } else if (flag === '--changed') {
      changed = '';
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown option ${flag}`);
    } else positional.push(arg);
  }
  const [command, ...args] = positional;
  if (!command) throw new UsageError('no command given');
  const known = ['check', 'weeks', ...commandExtensions.map((c) => c.name)];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (command !== 'check' && (format === 'github' || format === 'sarif')) throw new UsageError(`--format ${format} is for check only`);
  if (command !== 'check' && fix) throw new UsageError('--fix is for check only');
  if (command !== 'check' && changed !== undefined) throw new UsageError(`${changed ? '--changed-since' : '--changed'} is for check only`);
  return { command, args, format: format, rules: rules.length ? rules : undefined, fix, config, cache, jobs, changedSince: changed };
}

/** A folder that holds dated minutes itself is a team folder, not a repository. */
function isTeamFolder(abs: string): boolean {
  try {
    return readdirSync(abs).some((name) => /^\d{4}-?\d{2}-?\d{2}.*\.(md|markdown)$/i.test(name));
  } catch {
    return false;
  }
}

/**
 * Where the search for a path's repository starts (a folder, or the parent of a team folder or a
 * file), and the nearest folder at or above it marked by `.git` or `.minutes.jsonc`, if any.
 */
function searchFrom(abs: string): { isDir: boolean; start: string; marked?: string } {
  const isDir = statSync(abs).isDirectory();
  const start = isDir ? (isTeamFolder(abs) ? nodePath.dirname(abs) : abs) : nodePath.dirname(abs);
  for (let dir = start; ; ) {
    if (existsSync(nodePath.join(dir, '.git')) || existsSync(nodePath.join(dir, '.minutes.jsonc'))) return { isDir, start, marked: dir };
    const up = nodePath.dirname(dir);
    if (up === dir) return { isDir, start };
    dir = up;
  }
}

/**
 * The repository a path lies in: a folder given alone is one, unless it is a team folder; else
 * the nearest folder above with `.git` or `.minutes.jsonc`; else the working folder when the path
 * is inside it; else the path's own folder (the parent, for a team folder).
 */
function repositoryRoot(abs: string, cwd: string): string {
  const { start, marked } = searchFrom(abs);
  if (marked) return marked;
  const rel = nodePath.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel)) return cwd;
  // Outside the working folder and without git: above the folders that hold or date minutes
  // (`team/`, `team/2023/`, `meetings/io.js/`), which is where the repository starts.
  let dir = start;
  while (holdsMinutes(dir) && nodePath.dirname(dir) !== dir) dir = nodePath.dirname(dir);
  return dir;
}

/** A year or year-month folder, or one with minutes in it (in any layout). */
function holdsMinutes(abs: string): boolean {
  const base = nodePath.basename(abs);
  if (/^(?:19|20)\d\d(?:[-_]\d\d)?$/.test(base)) return true;
  try {
    const parent = nodePath.basename(nodePath.dirname(abs));
    return readdirSync(abs).some((name) => /^(?:19|20)\d\d(?:[-_]\d\d)?$/.test(name) || parseDatedPath(`${parent}/${base}/${name}`) !== undefined);
  } catch {
    return false;
  }
}

/**
 * With several paths, each one's repository: the nearest folder at or above it with `.git` or
 * `.minutes.jsonc`, else a folder given (not a team folder) is its own repository, else as for one path.
 */
function repositoryOfTarget(abs: string, cwd: string): string {
  const { isDir, marked } = searchFrom(abs);
  if (marked) return marked;
  return isDir && !isTeamFolder(abs) ? abs : repositoryRoot(abs, cwd);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`minutes: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (parsed === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  let current = '';
  try {
    const extension = commandExtensions.find((c) => c.name === parsed.command);
    if (parsed.command === 'weeks' && parsed.args.length > 1) throw new UsageError(`unexpected argument "${parsed.args[1]}"`);
    const targets = (extension ? extension.folderArgs(parsed.args) : parsed.args.length ? parsed.args : ['.']).map((p) => nodePath.resolve(io.cwd, p));
    for (const t of targets) {
      if (!existsSync(t)) throw new UsageError(`${t} does not exist`);
    }
    let configText: string | undefined;
    if (parsed.config) {
      const configPath = nodePath.resolve(io.cwd, parsed.config);
      if (!existsSync(configPath)) throw new UsageError(`the configuration file ${configPath} does not exist`);
      if (statSync(configPath).isDirectory()) throw new UsageError(`--config takes a file; ${configPath} is a folder`);
      try {
        configText = (await readRegularFile(configPath, MAX_CONFIG_SIZE)).toString('utf8');
      } catch (error) {
        throw new UsageError(`the configuration file ${configPath} cannot be used: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Several paths of several repositories: each repository is checked on its own.
    const groups = new Map<string, string[]>();
    if (targets.length === 1 || parsed.command !== 'check') {
      const onlyFolder = targets.length === 1 && statSync(targets[0]).isDirectory() && !isTeamFolder(targets[0]);
      groups.set(onlyFolder ? targets[0] : repositoryRoot(targets[0], io.cwd), targets);
    } else {
      for (const t of targets) {
        const root = repositoryOfTarget(t, io.cwd);
        groups.set(root, [...(groups.get(root) ?? []), t]);
      }
    }
    if (parsed.cache && parsed.cache !== true && groups.size > 1) throw new UsageError('--cache-location takes one repository; give one, or use --cache');
    if (parsed.changedSince !== undefined && groups.size > 1) throw new UsageError(`${parsed.changedSince ? '--changed-since' : '--changed'} takes one repository`);
    const diagnostics: MinutesDiagnostic[] = [];
    let checked = 0;
    let skippedCount = 0;
    let writeFailed = false;
    let nothingFound = true;
    for (const [root, groupTargets] of groups) {
      const prefix = groups.size > 1 ? nodePath.relative(io.cwd, root).split(nodePath.sep).join('/') : '';
      const shown = (path: string) => (prefix && path !== '.' ? `${prefix}/${path}` : prefix && path === '.' ? prefix : path);
      const printSkipped = (r: Pick<FindingsRecord, 'skipped' | 'notes'>) => {
        for (const s of r.skipped) io.stderr(`${escapePath(shown(s.path))}: skipped: ${escapeText(s.reason)}\n`);
        for (const n of r.notes) io.stderr(`${escapePath(shown(n.path))}: note: ${escapeText(n.reason)}\n`);
      };
      const cache = parsed.cache
        ? parsed.cache === true
          ? new ParseCache(nodePath.join(root, 'node_modules', '.cache', 'minutes', 'parsed.json'), root)
          : new ParseCache(nodePath.resolve(io.cwd, parsed.cache))
        : undefined;
      // check: the files below the given paths.
      const scope = groupTargets.map((t) => nodePath.relative(root, t).split(nodePath.sep).join('/'));
      const inScope = (path: string) => scope.some((s) => s === '' || path === s || path.startsWith(`${s}/`));
      // A warm check whose inputs did not change reuses the last run's findings.
      const reuse = cache && !extension && parsed.command === 'check' && !parsed.fix && parsed.changedSince === undefined ? new ReadOnceWorkspace(new NodeWorkspace(root)) : undefined;
      let fingerprint: string | undefined;
      let record: FindingsRecord | undefined;
      if (reuse && cache) {
        fingerprint = await reuse.fingerprint(JSON.stringify({ version: VERSION, rules: parsed.rules ?? null, scope, config: configText ?? null }));
        record = await loadFindings(cache, fingerprint);
        if (record) printSkipped(record);
      }
      if (!record) {
        await cache?.load();
        const threads = parsed.jobs ?? (require.main === module ? undefined : 0);
        // Parser threads start at the first file the cache does not have (a warm run needs none).
        let pool: ParserPool | undefined;
        const lazyPool = threads === 0 ? undefined : () => (pool ??= new ParserPool(__filename, threads));
        let result: BuildResult;
        try {
          result = await buildIndex(reuse ?? new NodeWorkspace(root), { configText, parse: lazyPool || cache ? makeParser(lazyPool, cache) : undefined });
        } finally {
          await (pool as ParserPool | undefined)?.close();
        }
        if (cache) {
          await cache.save().catch((error) => io.stderr(`minutes: could not write the cache ${escapeText(cache.file)}: ${escapeText(error instanceof Error && error.constructor.name === 'CacheRefused' ? error.message : describeError(error))}\n`));
        }
        printSkipped(result);
        // Links are checked in any Markdown repository; only the minutes' own rules need minutes.
        const nothingToCheck = result.datedMinutes === 0 && (result.markdownFiles === 0 || parsed.command !== 'check');
        if (result.skipped.some((s) => s.path === '.') || nothingToCheck) {
          record = { diagnostics: [], skipped: result.skipped, notes: result.notes, checked: 0, datedMinutes: result.datedMinutes };
        } else {
          if (extension) {
            const context: CommandContext = { io, root, result, format: parsed.format as 'text' | 'json', args: parsed.args };
            return await extension.run(context);
          }
          if (parsed.command === 'weeks') {
            const weeks = result.index.weeks();
            io.stdout(parsed.format === 'json' ? formatWeeksJson(weeks) : formatWeeksText(weeks, result.index.layouts()));
            return 0;
          }
          let files = [...result.index.markdownFiles()].map((f) => f.path).filter(inScope).sort();
          if (parsed.changedSince !== undefined) files = await changedFiles(root, result, files, parsed.changedSince, io);
          if (parsed.fix) {
            const report = await fixFiles(root, result.index, files, parsed.rules);
            for (const [path, n] of report.fixed) io.stderr(`${escapePath(shown(path))}: fixed ${n} problem${n === 1 ? '' : 's'}\n`);
            for (const r of report.refused) io.stderr(`${escapePath(shown(r.path))}: not fixed: ${escapeText(r.reason)}\n`);
            for (const r of report.failed) io.stderr(`${escapePath(shown(r.path))}: not fixed: ${escapeText(r.reason)}\n`);
            if (report.failed.length) writeFailed = true;
          }
          const found: MinutesDiagnostic[] = [];
          for (const path of files) {
            current = shown(path);
            found.push(...checkFile(result.index, path, { rules: parsed.rules }));
          }
          current = '';
          found.sort(compareDiagnostics);
          record = { diagnostics: found, skipped: result.skipped, notes: result.notes, checked: files.length, datedMinutes: result.datedMinutes };
          if (reuse && cache && fingerprint) {
            await saveFindings(cache, fingerprint, record).catch((error) => io.stderr(`minutes: could not write the cache ${escapeText(findingsFileOf(cache.file))}: ${escapeText(error instanceof CacheRefused ? error.message : describeError(error))}\n`));
          }
        }
      }
      skippedCount += record.skipped.length;
      const unreadable = record.skipped.find((s) => s.path === '.');
      if (unreadable) {
        io.stderr(`minutes: cannot read ${escapeText(root)}: ${escapeText(unreadable.reason)}\n`);
        return 2;
      }
      if (record.datedMinutes === 0) {
        io.stderr(`minutes: no minutes found in ${escapeText(root)} (no dated files such as team/YYYYMMDD.md); ${record.checked ? 'checking links and markup only' : 'nothing to do'}\n`);
        if (!record.checked) continue;
      }
      nothingFound = false;
      for (const d of record.diagnostics) diagnostics.push(prefix ? { ...d, path: shown(d.path) } : d);
      checked += record.checked;
    }
    if (nothingFound) {
      if (parsed.format === 'json') io.stdout('[]\n');
      if (parsed.format === 'sarif') io.stdout(formatSarif([], VERSION));
      return 0;
    }
    diagnostics.sort(compareDiagnostics);
    switch (parsed.format) {
      case 'json':
        io.stdout(formatJson(diagnostics));
        break;
      case 'github':
        io.stdout(formatGithub(diagnostics));
        break;
      case 'sarif':
        io.stdout(formatSarif(diagnostics, VERSION));
        break;
      default:
        io.stdout(formatText(diagnostics));
        io.stderr(summary(diagnostics, skippedCount, checked));
    }
    if (writeFailed) {
      io.stderr('minutes: some fixes could not be written (see above)\n');
      return 2;
    }
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`minutes: ${error.message}\n${/does not exist/.test(error.message) ? '' : `\n${USAGE}`}`);
      return 2;
    }
    io.stderr(`minutes: internal error${current ? ` while checking ${escapeText(current)}` : ''}: ${escapeText(describeError(error).replace(/\s*[\r\n]+\s*/g, ' '))}\n`);
    return 2;
  }
}

/** The files a `--changed-since`/`--changed` check looks at: those changed and those whose findings the changes can change. */
async function changedFiles(root: string, result: BuildResult, files: string[], changedSinceRef: string, io: CliIo): Promise<string[]> {
  const ref = changedSinceRef || undefined;
  let changes;
  try {
    changes = await changedSince(root, ref);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`${ref ? '--changed-since' : '--changed'} needs git: ${error.message}`);
    throw error;
  }
  const scope = await affectedByChanges(result, changes.changes, (path) => gitBlob(root, changes.base, path));
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

function summary(diagnostics: MinutesDiagnostic[], skippedCount: number, checked: number): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const files = new Set(diagnostics.map((d) => d.path)).size;
  const skipped = skippedCount ? `, ${skippedCount} skipped` : '';
  return `${diagnostics.length} problems (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info) in ${files} of ${checked} files${skipped}\n`;
}

if (runWorkerIfAsked()) {
  // A parser thread: it answers the main thread and runs nothing else.
} else if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`minutes: internal error: ${describeError(error)}\n`);
      process.exitCode = 2;
    },
  );
}
