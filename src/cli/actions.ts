// `minutes actions [folder]`: the repository's action items, open ones by default.
import type { CliCommand } from './command';
import { DEFAULT_MAX_AGE_WEEKS, repositoryActions } from '../core/actions';
import { addDays, daysBetween } from '../core/dates';
import { escapePath, escapeText, safeJson } from './format/escape';

export const actionsCommand: CliCommand = {
  name: 'actions',
  usage: 'actions [folder]',
  summary: 'Open action items across the repository (owner, team, date, where written).',
  folderArgs: (args) => (args[0] ? [args[0]] : ['.']),
  async run({ io, result, format, args, actions: query = {} }) {
    if (args.length > 1) {
      io.stderr(`minutes: unexpected argument "${args[1]}"\n`);
      return 2;
    }
    const teams = [...result.index.teams()].sort();
    if (query.team && !teams.includes(query.team)) {
      io.stderr(`minutes: no team "${escapeText(query.team)}" in this repository; its teams: ${teams.length ? teams.slice(0, 12).map(escapeText).join(', ') + (teams.length > 12 ? ', …' : '') : '(none)'}\n`);
      return 2;
    }
    const newest = result.index.minutes().at(-1)?.date;
    const since = query.maxAgeWeeks && newest ? addDays(newest, -7 * query.maxAgeWeeks) : undefined;
    const found = repositoryActions(result.index, { open: true, owner: query.owner, team: query.team, since });
    const actions = found.map((a) => ({
      owner: a.owner ?? null,
      text: a.text,
      team: a.team ?? null,
      date: a.date ?? null,
      file: a.file,
      line: a.range.start.line + 1,
      section: a.section ?? null,
      title: a.title,
    }));
    if (format === 'json') {
      io.stdout(safeJson(JSON.stringify(actions, null, 2)) + '\n');
      return 0;
    }
    for (const a of actions) io.stdout(`${escapePath(a.file)}:${a.line}: ${escapeText(a.owner ? `@${a.owner}` : '(no owner)')}: ${escapeText(a.title)}\n`);
    const latest = found.reduce<string | undefined>((d, a) => (a.date && (!d || a.date > d) ? a.date : d), undefined);
    // Items that are all long past are no current to-do list: say how old, and how to see the current ones.
    const stale = !since && latest && newest && daysBetween(latest, newest) > 7 * DEFAULT_MAX_AGE_WEEKS;
    const which = [query.owner && `of @${query.owner}`, query.team && `in ${query.team}`, since && `since ${since}`].filter(Boolean).join(' ');
    io.stderr(
      `${actions.length} open action ${actions.length === 1 ? 'item' : 'items'}${which ? ` ${escapeText(which)}` : ''}` +
        (stale ? `; the newest was written ${latest}, ${Math.round(daysBetween(latest, newest) / 7)} weeks before the newest minutes (${newest}): --max-age-weeks ${DEFAULT_MAX_AGE_WEEKS} lists the current ones` : '') +
        '\n',
    );
    return 0;
  },
};
