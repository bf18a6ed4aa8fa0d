// The `minutes` command line: the same core as the extension, for a terminal and for CI.
// `main` returns the exit code: 0 nothing at error level, 1 findings at error level, 2 usage error or crash.
import * as nodePath from 'node:path';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
import { ParserPool, ParseCache, makeParser, runWorkerIfAsked } from './parallel';

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
  --jobs N       Parser threads (default: one per core; 0 parses on the main thread).
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
}

function parseArgs(argv: string[]): Parsed | 'help' | 'version' {
  const positional: string[] = [];
  let format: Format = 'text';
  const rules: string[] = [];
  let fix = false;
  let config: string | undefined;
  let cache: string | true | undefined;
  let jobs: number | undefined;
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
  return { command, args, format: format, rules: rules.length ? rules : undefined, fix, config, cache, jobs };
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
 * The repository a path lies in: a folder given alone is one, unless it is a team folder; else
 * the nearest folder above with `.git` or `.minutes.jsonc`; else the working folder when the path
 * is inside it; else the path's own folder (the parent, for a team folder).
 */
function repositoryRoot(abs: string, cwd: string): string {
  const isDir = statSync(abs).isDirectory();
  const start = isDir ? (isTeamFolder(abs) ? nodePath.dirname(abs) : abs) : nodePath.dirname(abs);
  for (let dir = start; ; ) {
    if (existsSync(nodePath.join(dir, '.git')) || existsSync(nodePath.join(dir, '.minutes.jsonc'))) return dir;
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
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
    const onlyFolder = targets.length === 1 && statSync(targets[0]).isDirectory() && !isTeamFolder(targets[0]);
    const root = onlyFolder ? targets[0] : repositoryRoot(targets[0], io.cwd);
    let configText: string | undefined;
    if (parsed.config) {
      const configPath = nodePath.resolve(io.cwd, parsed.config);
      if (!existsSync(configPath)) throw new UsageError(`the configuration file ${configPath} does not exist`);
      if (statSync(configPath).isDirectory()) throw new UsageError(`--config takes a file; ${configPath} is a folder`);
      configText = readFileSync(configPath, 'utf8');
    }
    const cache = parsed.cache ? new ParseCache(parsed.cache === true ? nodePath.join(root, 'node_modules', '.cache', 'minutes', 'parsed.json') : nodePath.resolve(io.cwd, parsed.cache)) : undefined;
    await cache?.load();
    const threads = parsed.jobs ?? (require.main === module ? undefined : 0);
    // Parser threads start at the first file the cache does not have (a warm run needs none).
    let pool: ParserPool | undefined;
    const lazyPool = threads === 0 ? undefined : () => (pool ??= new ParserPool(__filename, threads));
    let result: BuildResult;
    try {
      result = await buildIndex(new NodeWorkspace(root), { configText, parse: lazyPool || cache ? makeParser(lazyPool, cache) : undefined });
    } finally {
      await (pool as ParserPool | undefined)?.close();
    }
    if (cache) {
      await cache.save().catch((error) => io.stderr(`minutes: could not write the cache ${cache.file}: ${describeError(error)}\n`));
    }
    for (const s of result.skipped) io.stderr(`${s.path}: skipped: ${s.reason}\n`);
    for (const n of result.notes) io.stderr(`${n.path}: note: ${n.reason}\n`);
    const unreadable = result.skipped.find((s) => s.path === '.');
    if (unreadable) {
      io.stderr(`minutes: cannot read ${root}: ${unreadable.reason}\n`);
      return 2;
    }
    if (result.datedMinutes === 0) {
      // Links are checked in any Markdown repository; only the minutes' own rules need minutes.
      io.stderr(`minutes: no minutes found in ${root} (no dated files such as team/YYYYMMDD.md); ${result.markdownFiles ? 'checking links and markup only' : 'nothing to do'}\n`);
      if (result.markdownFiles === 0 || parsed.command !== 'check') {
        if (parsed.format === 'json') io.stdout('[]\n');
        if (parsed.format === 'sarif') io.stdout(formatSarif([], VERSION));
        return 0;
      }
    }
    if (extension) {
      const context: CommandContext = { io, root, result, format: parsed.format as 'text' | 'json', args: parsed.args };
      return await extension.run(context);
    }
    if (parsed.command === 'weeks') {
      const weeks = result.index.weeks();
      io.stdout(parsed.format === 'json' ? formatWeeksJson(weeks) : formatWeeksText(weeks, result.index.layouts()));
      return 0;
    }
    // check: the files below the given paths.
    const scope = targets.map((t) => nodePath.relative(root, t).split(nodePath.sep).join('/'));
    const inScope = (path: string) => scope.some((s) => s === '' || path === s || path.startsWith(`${s}/`));
    const files = [...result.index.markdownFiles()].map((f) => f.path).filter(inScope).sort();
    if (parsed.fix) {
      const report = await fixFiles(root, result.index, files, parsed.rules);
      for (const [path, n] of report.fixed) io.stderr(`${path}: fixed ${n} problem${n === 1 ? '' : 's'}\n`);
      for (const r of report.refused) io.stderr(`${r.path}: not fixed: ${r.reason}\n`);
    }
    const diagnostics: MinutesDiagnostic[] = [];
    for (const path of files) {
      current = path;
      diagnostics.push(...checkFile(result.index, path, { rules: parsed.rules }));
    }
    current = '';
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
        io.stderr(summary(diagnostics, result, files.length));
    }
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`minutes: ${error.message}\n${/does not exist/.test(error.message) ? '' : `\n${USAGE}`}`);
      return 2;
    }
    io.stderr(`minutes: internal error${current ? ` while checking ${current}` : ''}: ${describeError(error).replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
    return 2;
  }
}

function summary(diagnostics: MinutesDiagnostic[], result: BuildResult, checked: number): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const files = new Set(diagnostics.map((d) => d.path)).size;
  const skipped = result.skipped.length ? `, ${result.skipped.length} skipped` : '';
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
