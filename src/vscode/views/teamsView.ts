// The Teams view: team folders, each with its minutes newest first, grouped by year, and the
// files that are not dated minutes (templates, design notes) in a group of their own.
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import type { MinutesRepository } from '../repository';
import { teamDisplayNames, cadenceOf } from '../../core/teams';
import { teamOf } from '../../core/paths';
import { fileItem, weekdayName } from './nodes';

export type TeamsNode =
  | { kind: 'team'; id: string; team: string }
  | { kind: 'year'; id: string; team: string; year: string; parent: TeamsNode }
  | { kind: 'other'; id: string; team: string; parent: TeamsNode }
  | { kind: 'file'; id: string; path: string; parent: TeamsNode };

const WEEKDAY_NAMES = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

export class TeamsProvider implements vscode.TreeDataProvider<TeamsNode> {
  private readonly emitter = new vscode.EventEmitter<TeamsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private teams: Map<string, TeamsNode> | undefined;
  private readonly children = new Map<string, TeamsNode[]>();
  private names = new Map<string, string>();
  private repo: MinutesRepository | undefined;

  constructor(private readonly repositories: Repositories) {}

  /** Redraws the teams whose files a change touched, or everything when teams came or went. */
  refresh(paths?: ReadonlySet<string>): void {
    const repo = this.repositories.active();
    if (!paths || !this.teams || repo !== this.repo) {
      this.teams = undefined;
      this.children.clear();
      this.emitter.fire(undefined);
      return;
    }
    const touched = new Set<TeamsNode>();
    for (const p of paths) {
      const team = teamOf(p);
      const node = team ? this.teams.get(team) : undefined;
      if (!node) {
        if (team && repo?.index?.get(p)?.name.date) return this.refresh();
        continue;
      }
      touched.add(node);
    }
    for (const node of touched) {
      for (const key of [...this.children.keys()]) if (key === node.id || key.startsWith(node.id + ':')) this.children.delete(key);
      this.emitter.fire(node);
    }
  }

  private load(): Map<string, TeamsNode> {
    if (this.teams) return this.teams;
    this.repo = this.repositories.active();
    this.teams = new Map();
    const index = this.repo?.index;
    if (!index) return this.teams;
    this.names = teamDisplayNames(index);
    const sorted = index.teams().sort((a, b) => (this.names.get(a) ?? a).localeCompare(this.names.get(b) ?? b));
    for (const team of sorted) this.teams.set(team, { kind: 'team', id: `team:${team}`, team });
    return this.teams;
  }

  getChildren(node?: TeamsNode): TeamsNode[] {
    if (!node) return [...this.load().values()];
    const cached = this.children.get(node.id);
    if (cached) return cached;
    const index = this.repo?.index;
    if (!index) return [];
    let out: TeamsNode[] = [];
    if (node.kind === 'team') {
      const years = [...new Set(index.minutesOfTeam(node.team).map((m) => m.date.slice(0, 4)))].sort().reverse();
      out = years.map((year) => ({ kind: 'year', id: `${node.id}:${year}`, team: node.team, year, parent: node }));
      if (this.otherFiles(node.team).length) out.push({ kind: 'other', id: `${node.id}:other`, team: node.team, parent: node });
    } else if (node.kind === 'year') {
      out = index
        .minutesOfTeam(node.team)
        .filter((m) => m.date.startsWith(node.year))
        .reverse()
        .map((m) => ({ kind: 'file', id: `${node.id}:${m.file}`, path: m.file, parent: node }));
    } else if (node.kind === 'other') {
      out = this.otherFiles(node.team).map((path) => ({ kind: 'file', id: `${node.id}:${path}`, path, parent: node }));
    }
    this.children.set(node.id, out);
    return out;
  }

  private otherFiles(team: string): string[] {
    const out: string[] = [];
    for (const f of this.repo?.index?.markdownFiles() ?? []) if (f.name.team === team && !f.name.date) out.push(f.path);
    return out.sort();
  }

  getParent(node: TeamsNode): TeamsNode | undefined {
    return node.kind === 'team' ? undefined : node.parent;
  }

  getTreeItem(node: TeamsNode): vscode.TreeItem {
    const repo = this.repo!;
    const index = repo.index;
    if (node.kind === 'team') {
      const minutes = index?.minutesOfTeam(node.team) ?? [];
      const item = new vscode.TreeItem(this.names.get(node.team) ?? node.team, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      const cadence = cadenceOf(minutes);
      const when = cadence?.weekdays.length ? ` · ${cadence.intervalDays === 14 ? 'every other ' : ''}${WEEKDAY_NAMES[cadence.weekdays[0] - 1]}` : '';
      const count = `${minutes.length} ${minutes.length === 1 ? 'minutes file' : 'minutes'}`;
      item.description = `${count}${when}`;
      item.tooltip = `${node.team}/: ${count}, latest ${minutes.at(-1)?.date ?? '—'}`;
      item.iconPath = new vscode.ThemeIcon(node.team === index?.weeklyFolder() ? 'calendar' : 'organization');
      item.resourceUri = repo.uri(node.team);
      item.contextValue = 'minutes.team';
      return item;
    }
    if (node.kind === 'year' || node.kind === 'other') {
      const newestYear = node.kind === 'year' && this.getChildren(node.parent)[0] === node;
      const item = new vscode.TreeItem(node.kind === 'year' ? node.year : 'Other files', newestYear ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.kind === 'year' ? 'folder' : 'files');
      item.description = node.kind === 'other' ? 'templates, notes' : undefined;
      item.contextValue = `minutes.${node.kind}`;
      return item;
    }
    const file = index?.get(node.path);
    const date = file?.name.date;
    const title = file?.doc.title?.heading.text ?? '';
    if (!date) return fileItem(repo, node.path, node.path.slice(node.path.lastIndexOf('/') + 1), title, 'other', node.id);
    const suffix = file?.name.suffix ? ` (${file.name.suffix})` : '';
    return fileItem(repo, node.path, `${date}${suffix}`, `${weekdayName(date)} · ${title}`, node.path.startsWith(`${index?.weeklyFolder()}/`) ? 'weekly' : 'minutes', node.id);
  }

  nodeFor(path: string): TeamsNode | undefined {
    const file = this.repo?.index?.get(path);
    const team = file?.name.team;
    const teamNode = team ? this.load().get(team) : undefined;
    if (!teamNode || !file) return undefined;
    const group = this.getChildren(teamNode).find((n) => (file.name.date ? n.kind === 'year' && n.year === file.name.date.slice(0, 4) : n.kind === 'other'));
    return group && this.getChildren(group).find((n) => n.kind === 'file' && n.path === path);
  }
}
