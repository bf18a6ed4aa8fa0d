// The Weeks view: ISO weeks newest first; in each, the weekly, each team's minutes, and the teams
// that usually meet but have none that week (dimmed).
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import type { MinutesRepository } from '../repository';
import type { WeekEntry } from '../../core/index';
import { addDays, isoWeekOf, weekStart, type IsoDate } from '../../core/dates';
import { weekLabel, missingTeams, meetingWeeks } from '../../core/weeks';
import { teamDisplayNames } from '../../core/teams';
import { fileItem, weekdayName } from './nodes';
import { todayLocal } from '../today';

export type WeeksNode =
  | { kind: 'week'; id: string; week: WeekEntry }
  | { kind: 'file'; id: string; path: string; role: 'weekly' | 'minutes'; team: string; parent: WeeksNode }
  | { kind: 'absent'; id: string; team: string; parent: WeeksNode };

export const ABSENT_SCHEME = 'minutes-absent';

export class WeeksProvider implements vscode.TreeDataProvider<WeeksNode> {
  private readonly emitter = new vscode.EventEmitter<WeeksNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private weeks: Map<string, WeeksNode & { kind: 'week' }> | undefined;
  private children = new Map<string, WeeksNode[]>();
  private names = new Map<string, string>();
  private metIn = new Set<string>();
  /** Dated minutes shown, to tell a changed file from one that came or went. */
  private dated = new Set<string>();
  private repo: MinutesRepository | undefined;

  /** Today where the user is (a test sets another day). */
  today: () => IsoDate = todayLocal;

  constructor(private readonly repositories: Repositories) {}

  /** Redraws what a change touched: the weeks of changed minutes, or the whole list when files came or went. */
  refresh(paths?: ReadonlySet<string>): void {
    const repo = this.repositories.active();
    const index = repo?.index;
    const weeks = this.weeks;
    if (!paths || !index || !weeks || repo !== this.repo) return this.reset();
    const touched = new Set<WeeksNode>();
    for (const p of paths) {
      const week = index.get(p)?.name.week;
      if (Boolean(week) !== this.dated.has(p)) return this.reset();
      const node = week ? weeks.get(week) : undefined;
      if (node) touched.add(node);
    }
    for (const node of touched) {
      this.children.delete(node.id);
      this.emitter.fire(node);
    }
  }

  private reset(): void {
    this.weeks = undefined;
    this.children.clear();
    this.emitter.fire(undefined);
  }

  private load(): Map<string, WeeksNode & { kind: 'week' }> {
    if (this.weeks) return this.weeks;
    this.repo = this.repositories.active();
    const index = this.repo?.index;
    this.weeks = new Map();
    if (!index) return this.weeks;
    this.names = teamDisplayNames(index);
    this.metIn = meetingWeeks(index);
    this.dated = new Set(index.minutes().map((m) => m.file));
    const entries = index.weeks().reverse();
    // The current week is always there, marked, even before (or long after) its minutes.
    const current = isoWeekOf(this.today());
    if (entries.length && !entries.some((w) => w.week === current) && current > entries[0].week) {
      const start = weekStart(current);
      this.weeks.set(current, { kind: 'week', id: `week:${current}`, week: { week: current, start, end: addDays(start, 6), weekly: null, minutes: [] } });
    }
    for (const week of entries) this.weeks.set(week.week, { kind: 'week', id: `week:${week.week}`, week });
    return this.weeks;
  }

  getChildren(node?: WeeksNode): WeeksNode[] {
    if (!node) return [...this.load().values()];
    if (node.kind !== 'week') return [];
    const cached = this.children.get(node.id);
    if (cached) return cached;
    const index = this.repo?.index;
    if (!index) return [];
    // The week's files may have changed since the list was built.
    const week = index.weeks().find((w) => w.week === node.week.week) ?? node.week;
    node.week = week;
    const out: WeeksNode[] = [];
    if (week.weekly) out.push({ kind: 'file', id: `${node.id}:${week.weekly.file}`, path: week.weekly.file, role: 'weekly', team: index.weeklyFolder() ?? '', parent: node });
    for (const m of week.minutes) out.push({ kind: 'file', id: `${node.id}:${m.file}`, path: m.file, role: 'minutes', team: m.team, parent: node });
    for (const team of missingTeams(index, week, this.metIn)) out.push({ kind: 'absent', id: `${node.id}:absent:${team}`, team, parent: node });
    this.children.set(node.id, out);
    return out;
  }

  getParent(node: WeeksNode): WeeksNode | undefined {
    return node.kind === 'week' ? undefined : node.parent;
  }

  getTreeItem(node: WeeksNode): vscode.TreeItem {
    const repo = this.repo!;
    if (node.kind === 'week') {
      const { week } = node;
      const current = week.week === isoWeekOf(this.today());
      const newest = this.weeks && [...this.weeks.keys()][0] === week.week;
      const hasCurrent = this.weeks?.has(isoWeekOf(this.today()));
      const item = new vscode.TreeItem(
        weekLabel(week.week, week.start, week.end),
        current || (!hasCurrent && newest) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = node.id;
      const teams = new Set(week.minutes.map((m) => m.team)).size;
      const content = week.weekly || teams ? `${week.weekly ? 'weekly + ' : ''}${teams} team${teams === 1 ? '' : 's'}` : 'no minutes yet';
      item.description = `${current ? '● this week · ' : ''}${content}`;
      item.iconPath = new vscode.ThemeIcon(current ? 'calendar' : 'history');
      item.contextValue = 'minutes.week';
      item.tooltip = `${week.week}: ${week.start} to ${week.end}`;
      return item;
    }
    if (node.kind === 'absent') {
      const item = new vscode.TreeItem(this.names.get(node.team) ?? node.team, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = 'no minutes this week';
      item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
      item.resourceUri = vscode.Uri.from({ scheme: ABSENT_SCHEME, path: `/${node.team}` });
      item.contextValue = 'minutes.absent';
      item.tooltip = `${this.names.get(node.team) ?? node.team} usually meets, but has no minutes this week`;
      return item;
    }
    const file = repo.index?.get(node.path);
    const date = file?.name.date ?? '';
    const title = file?.doc.title?.heading.text ?? '';
    if (node.role === 'weekly') return fileItem(repo, node.path, title || 'Weekly', `${weekdayName(date)} ${date}`, 'weekly', node.id);
    const label = this.names.get(node.team) ?? node.team;
    const suffix = file?.name.suffix ? ` (${file.name.suffix})` : '';
    return fileItem(repo, node.path, label + suffix, `${weekdayName(date)} · ${title}`, 'minutes', node.id);
  }

  /** The node of a file, for revealing the active editor. */
  nodeFor(path: string): WeeksNode | undefined {
    const week = this.repo?.index?.get(path)?.name.week;
    const node = week ? this.load().get(week) : undefined;
    if (!node) return undefined;
    return this.getChildren(node).find((n) => n.kind === 'file' && n.path === path);
  }
}

/** Absent teams are drawn dimmed: tree items take their colour from a file decoration. */
export class AbsentDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== ABSENT_SCHEME) return undefined;
    return { color: new vscode.ThemeColor('disabledForeground'), tooltip: 'No minutes this week' };
  }
}
