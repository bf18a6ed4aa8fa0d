// The `minutes` command line's arguments: the usage text, and the options parsed into one record
// (a usage mistake is a UsageError).
import { allRules } from '../core/rules/index';
import { commandExtensions } from './commands';
import { UsageError } from './command';

export const VERSION = '0.1.0';

export const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage: minutes <command> [arguments] [options]

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
  --owner H      actions: only the items of this owner (@handle).
  --team T       actions: only the items of this team (its folder).
  --max-age-weeks N
                 actions: only the items written within N weeks of the newest minutes (as the
                 Action Items view keeps to 26 by default; 0 or absent: all).
  -h, --help     Show this help.
  --version      Show the version.

Exit codes: 0 no findings at error level, 1 findings at error level, 2 usage error or internal error.
`;

export interface Parsed {
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
  /** `actions`: which items. */
  actions?: ActionsQuery;
}

export interface ActionsQuery {
  owner?: string;
  team?: string;
  maxAgeWeeks?: number;
}

export function parseArgs(argv: string[]): Parsed | 'help' | 'version' {
  const positional: string[] = [];
  let format: Format = 'text';
  const rules: string[] = [];
  let fix = false;
  let config: string | undefined;
  let cache: string | true | undefined;
  let jobs: number | undefined;
  let changed: string | undefined;
  const actions: ActionsQuery = {};
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
    } else if (flag === '--owner') {
      actions.owner = value().replace(/^@/, '');
      if (!actions.owner) throw new UsageError('--owner takes a handle');
    } else if (flag === '--team') {
      actions.team = value().replace(/\/+$/, '');
      if (!actions.team) throw new UsageError('--team takes a team folder');
    } else if (flag === '--max-age-weeks') {
      actions.maxAgeWeeks = Number(value());
      if (!Number.isInteger(actions.maxAgeWeeks) || actions.maxAgeWeeks < 0 || actions.maxAgeWeeks > 5200) throw new UsageError('--max-age-weeks takes a whole number of weeks (0: no limit)');
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
  if (command !== 'actions' && Object.keys(actions).length) throw new UsageError('--owner, --team and --max-age-weeks are for actions only');
  return { command, args, format: format, rules: rules.length ? rules : undefined, fix, config, cache, jobs, changedSince: changed, ...(Object.keys(actions).length ? { actions } : {}) };
}
