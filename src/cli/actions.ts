// `minutes actions [folder]`: the repository's action items, open ones by default.
import type { CliCommand } from './command';
import { repositoryActions } from '../core/actions';
import { escapePath, escapeText, safeJson } from './format/escape';

export const actionsCommand: CliCommand = {
  name: 'actions',
  usage: 'actions [folder]',
  summary: 'Open action items across the repository (owner, team, date, where written).',
  folderArgs: (args) => (args[0] ? [args[0]] : ['.']),
  async run({ io, result, format, args }) {
    if (args.length > 1) {
      io.stderr(`minutes: unexpected argument "${args[1]}"\n`);
      return 2;
    }
    const actions = repositoryActions(result.index, { open: true }).map((a) => ({
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
    io.stderr(`${actions.length} open action ${actions.length === 1 ? 'item' : 'items'}\n`);
    return 0;
  },
};
