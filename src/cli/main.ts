// The `minutes` command line: the same core as the extension, for a terminal and for CI.
// `main` returns the exit code: 0 nothing at error level, 1 findings at error level, 2 usage error or crash.
import * as nodePath from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { NodeWorkspace } from './nodeWorkspace';
import { buildIndex, describeError, type BuildResult } from '../core/build';
import { checkFile } from '../core/check';
import { compareDiagnostics, type MinutesDiagnostic } from '../core/diagnostics';
import { allRules } from '../core/rules/index';
import { formatJson, formatText } from './format/diagnostics';
import { formatWeeksJson, formatWeeksText } from './format/weeks';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const VERSION = '0.1.0';

const USAGE = `Usage: minutes <command> [folder] [options]

Commands:
  check [folder]   Report broken links and other problems in a minutes repository.
  weeks [folder]   List the repository by ISO week: the weekly and each team's minutes.

Options:
  --format text|json   Output format (default: text).
  --rule ID            Only this rule (repeatable). Rules: ${allRules.map((r) => r.id).join(', ')}.
  -h, --help           Show this help.
  --version            Show the version.

Exit codes: 0 no findings at error level, 1 findings at error level, 2 usage error or internal error.
`;

class UsageError extends Error {}

interface Parsed {
  command: string;
  folder: string;
  format: 'text' | 'json';
  rules?: string[];
}

function parseArgs(argv: string[], cwd: string): Parsed | 'help' | 'version' {
  const positional: string[] = [];
  let format: 'text' | 'json' = 'text';
  const rules: string[] = [];
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
      if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format "${f}" (use text or json)`);
      format = f;
    } else if (flag === '--rule') {
      const r = value();
      if (!allRules.some((rule) => rule.id === r)) throw new UsageError(`unknown rule "${r}" (rules: ${allRules.map((x) => x.id).join(', ')})`);
      rules.push(r);
    } else if (flag.startsWith('-')) {
      throw new UsageError(`unknown option ${flag}`);
    } else positional.push(arg);
  }
  const [command, folder, ...extra] = positional;
  if (!command) throw new UsageError('no command given');
  if (command !== 'check' && command !== 'weeks') throw new UsageError(`unknown command "${command}"`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return { command, folder: nodePath.resolve(cwd, folder ?? '.'), format, rules: rules.length ? rules : undefined };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv, io.cwd);
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
  if (!existsSync(parsed.folder) || !statSync(parsed.folder).isDirectory()) {
    io.stderr(`minutes: ${parsed.folder} is not a folder\n`);
    return 2;
  }
  let current = '';
  try {
    const result = await buildIndex(new NodeWorkspace(parsed.folder));
    for (const s of result.skipped) io.stderr(`${s.path}: skipped: ${s.reason}\n`);
    for (const n of result.notes) io.stderr(`${n.path}: note: ${n.reason}\n`);
    if (result.datedMinutes === 0) {
      io.stderr(`minutes: no minutes found in ${parsed.folder} (no dated files such as team/YYYYMMDD.md); nothing to do\n`);
      if (parsed.format === 'json') io.stdout('[]\n');
      return 0;
    }
    if (parsed.command === 'weeks') {
      const weeks = result.index.weeks();
      io.stdout(parsed.format === 'json' ? formatWeeksJson(weeks) : formatWeeksText(weeks));
      return 0;
    }
    const diagnostics: MinutesDiagnostic[] = [];
    for (const file of result.index.markdownFiles()) {
      current = file.path;
      diagnostics.push(...checkFile(result.index, file.path, { rules: parsed.rules }));
    }
    current = '';
    diagnostics.sort(compareDiagnostics);
    io.stdout(parsed.format === 'json' ? formatJson(diagnostics) : formatText(diagnostics));
    if (parsed.format === 'text') io.stderr(summary(diagnostics, result));
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  } catch (error) {
    io.stderr(`minutes: internal error${current ? ` while checking ${current}` : ''}: ${describeError(error)}\n`);
    return 2;
  }
}

function summary(diagnostics: MinutesDiagnostic[], result: BuildResult): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const files = new Set(diagnostics.map((d) => d.path)).size;
  const skipped = result.skipped.length ? `, ${result.skipped.length} skipped` : '';
  return `${diagnostics.length} problems (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info) in ${files} of ${result.markdownFiles} files${skipped}\n`;
}

if (require.main === module) {
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
