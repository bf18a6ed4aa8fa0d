// Commands for moving between meetings and creating the next one (category "Minutes").
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import type { TeamMinutes } from '../core/index';
import { adjacentMinutes, parseDateQuery, dateTargets } from '../core/navigation';
import { daysBetween, isoWeekOf, isoWeekday, type IsoDate } from '../core/dates';
import { teamDisplayNames, nextMeetingDate } from '../core/teams';
import { fillTemplate, skeletonFromRecent, defaultSkeleton, carryOverActions } from '../core/newMinutes';
import { repositoryActions } from '../core/actions';
import { decodeUtf8 } from '../core/text';
import { todayLocal } from './today';
import { weekdayName } from './views/nodes';
import { COMMAND } from './commandIds';
import { activePathIn } from './repositories';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function info(message: string): void {
  void vscode.window.showInformationMessage(`Minutes: ${message}`);
}

/** The repository to work in, or a message saying why there is none. */
function requireRepository(repositories: Repositories): MinutesRepository | undefined {
  const repo = repositories.active();
  if (repo?.index) return repo;
  if (repositories.all().some((r) => r.state === 'indexing')) info('the minutes are still being indexed; try again in a moment.');
  else info('no minutes in this workspace. Open a folder with team folders of dated minutes (team/YYYYMMDD.md).');
  return undefined;
}

/** The active editor's minutes file, or a message when there is none. */
function activeMinutes(repositories: Repositories): { repo: MinutesRepository; path: string } | undefined {
  const { repo, path } = repositories.activeFile() ?? {};
  if (!repo?.index || !path || !repo.index.get(path)?.name.date) {
    info('this command works in a minutes file (a dated file such as iaas/20230426.md); open one first.');
    return undefined;
  }
  return { repo, path };
}

async function open(repo: MinutesRepository, path: string, beside = false): Promise<void> {
  await vscode.window.showTextDocument(repo.uri(path), { preview: false, viewColumn: beside ? vscode.ViewColumn.Beside : undefined });
}

function pickItem(repo: MinutesRepository, m: TeamMinutes, names: Map<string, string>): vscode.QuickPickItem & { file: string } {
  const title = repo.index?.get(m.file)?.doc.title?.heading.text ?? '';
  const weekly = m.team === repo.index?.weeklyFolder();
  return { label: `$(${weekly ? 'calendar' : 'note'}) ${weekly ? 'Weekly' : (names.get(m.team) ?? m.team)}`, description: `${weekdayName(m.date)} ${m.date}`, detail: `${m.file}${title ? ` · ${title}` : ''}`, file: m.file };
}

/** The day a text names (`2024-12-04`, `tomorrow`), or undefined for a week or nonsense. */
function singleDay(text: string): IsoDate | undefined {
  const q = parseDateQuery(text, todayLocal());
  return q && q.start === q.end ? q.start : undefined;
}

export function registerNavigation(repositories: Repositories): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMAND.openThisWeeksWeekly, async (today?: IsoDate) => {
      const repo = requireRepository(repositories);
      const index = repo?.index;
      if (!repo || !index) return;
      const folder = index.weeklyFolder();
      if (!folder) return info('no weekly found: no folder links to several teams’ minutes.');
      const week = isoWeekOf(today ?? todayLocal());
      const weeklies = index.minutesOfTeam(folder);
      const exact = weeklies.find((m) => isoWeekOf(m.date) === week);
      const target = exact ?? weeklies.filter((m) => m.date <= (today ?? todayLocal())).at(-1) ?? weeklies.at(-1);
      if (!target) return info('there is no weekly yet.');
      if (!exact) info(`no weekly for ${week} yet; opened the latest one, ${target.date}.`);
      await open(repo, target.file);
    }),

    ...([[COMMAND.nextMeeting, 1], [COMMAND.previousMeeting, -1]] as const).map(([id, direction]) =>
      vscode.commands.registerCommand(id, async () => {
        const active = activeMinutes(repositories);
        if (!active) return;
        const next = adjacentMinutes(active.repo.index!, active.path, direction);
        if (!next) return info(`this is the team’s ${direction > 0 ? 'latest' : 'first'} meeting.`);
        await open(active.repo, next.file);
      }),
    ),

    vscode.commands.registerCommand(COMMAND.openTeamMinutesOfWeek, async () => {
      const repo = requireRepository(repositories);
      const index = repo?.index;
      if (!repo || !index) return;
      const activePath = activePathIn(repo);
      const week = (activePath && index.get(activePath)?.name.week) || isoWeekOf(todayLocal());
      const entry = index.weeks().find((w) => w.week === week);
      if (!entry || entry.minutes.length === 0) return info(`no team minutes in ${week}.`);
      const names = teamDisplayNames(index);
      const items = entry.minutes.map((m) => pickItem(repo, m, names));
      const picked = await vscode.window.showQuickPick(items, { title: `Team minutes of ${week}`, placeHolder: 'Open the minutes of a team', matchOnDetail: true });
      if (picked) await open(repo, picked.file);
    }),

    vscode.commands.registerCommand(COMMAND.goToDate, (input?: string) => goToDate(repositories, input)),

    vscode.commands.registerCommand(COMMAND.newMinutes, (teamArg?: string, dateArg?: IsoDate) => newMinutes(repositories, teamArg, dateArg)),
  );
}

/** Go to Date: a date, a week or words such as "last week"; the nearest meetings when none is on it. */
async function goToDate(repositories: Repositories, input?: string): Promise<void> {
  const repo = requireRepository(repositories);
  const index = repo?.index;
  if (!repo || !index) return;
  const today = todayLocal();
  const text =
    input ??
    (await vscode.window.showInputBox({
      title: 'Go to Date',
      prompt: 'A date (2023-04-27), an ISO week (2023-W17), or "last week", "yesterday", "3 weeks ago"',
      validateInput: (v) => (v.trim() === '' || parseDateQuery(v, today) ? undefined : 'Not a date or week this understands'),
    }));
  if (!text) return;
  const query = parseDateQuery(text, today);
  if (!query) return info(`"${text}" is not a date or week this understands (try 2023-04-27 or 2023-W17).`);
  const activePath = activePathIn(repo);
  const found = dateTargets(index, query, activePath);
  if (found.minutes.length === 0) return info('there are no minutes yet.');
  if (!found.exact) info(`no meeting on ${query.label}; showing the nearest.`);
  if (found.minutes.length === 1 && found.minutes[0].file === activePath) return info(`${activePath} is the only meeting ${found.exact ? 'in' : 'near'} ${query.label}.`);
  if (found.minutes.length === 1) return open(repo, found.minutes[0].file);
  const names = teamDisplayNames(index);
  const sorted = found.minutes;
  const picked = await vscode.window.showQuickPick(sorted.map((m) => pickItem(repo, m, names)), { title: `Meetings ${found.exact ? 'in' : 'nearest to'} ${query.label}` });
  if (picked) await open(repo, picked.file);
}

/** New Minutes for Team: the next meeting day, from the team's template or its latest minutes. */
async function newMinutes(repositories: Repositories, teamArg?: string, dateArg?: IsoDate): Promise<void> {
  const repo = requireRepository(repositories);
  const index = repo?.index;
  if (!repo || !index) return;
  const names = teamDisplayNames(index);
  const activePath = activePathIn(repo);
  const activeTeam = activePath ? index.get(activePath)?.name.team : undefined;
  let team = teamArg;
  if (!team) {
    const items = index.teams().map((t) => ({ label: names.get(t) ?? t, description: `${t}/`, detail: `latest ${index.minutesOfTeam(t).at(-1)?.date ?? '—'}`, team: t }));
    items.sort((a, b) => (a.team === activeTeam ? -1 : b.team === activeTeam ? 1 : a.label.localeCompare(b.label)));
    const picked = await vscode.window.showQuickPick(items, { title: 'New Minutes for Team', placeHolder: 'Which team is meeting?' });
    team = picked?.team;
  }
  if (!team) return;
  if (!index.teams().includes(team)) return info(`"${team}" is not a team folder with minutes.`);
  const minutes = index.minutesOfTeam(team);
  const proposed = nextMeetingDate(minutes, todayLocal());
  const date =
    dateArg ??
    (await vscode.window.showInputBox({
      title: `New minutes for ${names.get(team) ?? team}`,
      prompt: `Meeting date (the team usually meets on ${WEEKDAY_NAMES[isoWeekday(proposed) - 1]}s)`,
      value: proposed,
      validateInput: (v) => (singleDay(v) ? undefined : 'A date such as 2024-12-04'),
    }));
  if (!date) return;
  const day = singleDay(date);
  if (!day) return info(`"${date}" is not a date such as 2024-12-04.`);
  const path = `${team}/${day.replace(/-/g, '')}.md`;
  const uri = repo.uri(path);
  if (await repo.workspace.stat(path)) {
    info(`${path} exists already; opened it.`);
    return open(repo, path);
  }
  let content: string | undefined;
  if (await repo.workspace.stat(`${team}/template.md`)) {
    content = fillTemplate(decodeUtf8(await repo.workspace.read(`${team}/template.md`)).text, day);
  }
  content ??= skeletonFromRecent(index, team, day) ?? defaultSkeleton(names.get(team) ?? team, day);
  // A team that has not met for a long time: say so, the template may be stale.
  const lastMet = index.minutesOfTeam(team).at(-1)?.date;
  if (lastMet && daysBetween(lastMet, day) > 8 * 7) info(`${names.get(team) ?? team} last met on ${lastMet}, ${Math.round(daysBetween(lastMet, day) / 7)} weeks before ${day}: check that its minutes still look like this.`);
  content = carryOverActions(content, repositoryActions(index, { open: true, team }));
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(content) });
  if (!(await vscode.workspace.applyEdit(edit))) return info(`could not create ${path}.`);
  await open(repo, path);
}
