// The `minutes` command line: the same core as the extension, for a terminal and for CI.
// `main` returns the exit code: 0 nothing at error level, 1 findings at error level, 2 usage error or crash.
import * as nodePath from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { MAX_CONFIG_SIZE } from '../core/build';
import { describeError } from '../core/workspace';
import { compareDiagnostics, type MinutesDiagnostic } from '../core/diagnostics';
import { formatJson, formatText } from './format/diagnostics';
import { formatGithub, formatSarif } from './format/annotations';
import { escapeText } from './format/escape';
import { commandExtensions } from './commands';
import { runWorkerIfAsked } from './parallel';
import { readRegularFile } from '../node/safeFs';
import { UsageError, type CliIo } from './command';
import { USAGE, VERSION, parseArgs, type Format } from './args';
import { groupByRepository } from './repositories';
import { runOnRepository, shownPaths, type Run } from './check';

export { UsageError, VERSION, type CliIo };

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
  const command = parsed.command;
  const run: Run = { parsed, io, configText: undefined, extension: commandExtensions.find((c) => c.name === command), current: '' };
  try {
    return await runCommand(run);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`minutes: ${error.message}\n${/does not exist/.test(error.message) ? '' : `\n${USAGE}`}`);
      return 2;
    }
    io.stderr(`minutes: internal error${run.current ? ` while checking ${escapeText(run.current)}` : ''}: ${escapeText(describeError(error).replace(/\s*[\r\n]+\s*/g, ' '))}\n`);
    return 2;
  }
}

/** The findings of every repository checked, gathered for one report. */
interface Report {
  diagnostics: MinutesDiagnostic[];
  checked: number;
  skippedCount: number;
  writeFailed: boolean;
  nothingFound: boolean;
}

async function runCommand(run: Run): Promise<number> {
  const { parsed, io } = run;
  if (parsed.command === 'weeks' && parsed.args.length > 1) throw new UsageError(`unexpected argument "${parsed.args[1]}"`);
  const targets = (run.extension ? run.extension.folderArgs(parsed.args) : parsed.args.length ? parsed.args : ['.']).map((p) => nodePath.resolve(io.cwd, p));
  for (const t of targets) {
    if (!existsSync(t)) throw new UsageError(`${t} does not exist`);
  }
  if (parsed.config) run.configText = await readConfigFile(nodePath.resolve(io.cwd, parsed.config));
  // Several paths of several repositories: each repository is checked on its own.
  const groups = groupByRepository(targets, parsed.command, io.cwd);
  if (parsed.cache && parsed.cache !== true && groups.size > 1) throw new UsageError('--cache-location takes one repository; give one, or use --cache');
  if (parsed.changedSince !== undefined && groups.size > 1) throw new UsageError(`${parsed.changedSince ? '--changed-since' : '--changed'} takes one repository`);
  const report: Report = { diagnostics: [], checked: 0, skippedCount: 0, writeFailed: false, nothingFound: true };
  for (const [root, groupTargets] of groups) {
    const shown = shownPaths(root, groups.size > 1, io.cwd);
    const outcome = await runOnRepository(run, root, groupTargets, shown);
    if ('exit' in outcome) return outcome.exit;
    const { record } = outcome;
    if (outcome.writeFailed) report.writeFailed = true;
    report.skippedCount += record.skipped.length;
    const unreadable = record.skipped.find((s) => s.path === '.');
    if (unreadable) {
      io.stderr(`minutes: cannot read ${escapeText(root)}: ${escapeText(unreadable.reason)}\n`);
      return 2;
    }
    if (record.datedMinutes === 0) {
      io.stderr(`minutes: no minutes found in ${escapeText(root)} (no dated files such as team/YYYYMMDD.md); ${record.checked ? 'checking links and markup only' : 'nothing to do'}\n`);
      if (!record.checked) continue;
    }
    report.nothingFound = false;
    for (const d of record.diagnostics) report.diagnostics.push(groups.size > 1 ? { ...d, path: shown(d.path) } : d);
    report.checked += record.checked;
  }
  return printReport(report, parsed.format, io);
}

/** The text of the --config file; anything that keeps it from being used is a usage error. */
async function readConfigFile(configPath: string): Promise<string> {
  if (!existsSync(configPath)) throw new UsageError(`the configuration file ${configPath} does not exist`);
  if (statSync(configPath).isDirectory()) throw new UsageError(`--config takes a file; ${configPath} is a folder`);
  try {
    return (await readRegularFile(configPath, MAX_CONFIG_SIZE)).toString('utf8');
  } catch (error) {
    throw new UsageError(`the configuration file ${configPath} cannot be used: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Prints the findings in the format asked for; returns the exit code. */
function printReport(report: Report, format: Format, io: CliIo): number {
  if (report.nothingFound) {
    if (format === 'json') io.stdout('[]\n');
    if (format === 'sarif') io.stdout(formatSarif([], VERSION));
    return 0;
  }
  const diagnostics = report.diagnostics.sort(compareDiagnostics);
  switch (format) {
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
      io.stderr(summary(diagnostics, report.skippedCount, report.checked));
  }
  if (report.writeFailed) {
    io.stderr('minutes: some fixes could not be written (see above)\n');
    return 2;
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
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
  // A reader that stops early (`minutes actions | head`) closes the pipe: what is left to write is
  // dropped and the run ends as it would have, with its exit code, instead of a stack trace.
  const closed = new Set<NodeJS.WriteStream>();
  const writer = (stream: NodeJS.WriteStream) => {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed.add(stream);
    });
    return (text: string) => {
      if (!closed.has(stream)) stream.write(text);
    };
  };
  main(process.argv.slice(2), {
    stdout: writer(process.stdout),
    stderr: writer(process.stderr),
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
