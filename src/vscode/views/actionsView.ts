// The Action Items view: a to-do list of the repository's open action items (not done and still
// current: written within minutes.actionItems.maxAgeWeeks of the newest minutes), grouped by owner
// or by team, the items of each team's latest minutes first; filtered by owner, team or age; each
// opens the line it was written on and can be marked done in its file.
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import type { MinutesRepository } from '../repository';
import { DEFAULT_MAX_AGE_WEEKS, markDoneEdits, repositoryActions, type RepositoryAction } from '../../core/actions';
import { addDays } from '../../core/dates';
import { teamDisplayNames, guessTeamName } from '../../core/teams';
import { teamSlug } from '../../core/paths';
import { toRange } from '../convert';
import { COMMAND } from '../commandIds';

export type ActionsNode = { kind: 'group'; id: string; key: string; label: string; items: RepositoryAction[] } | { kind: 'item'; id: string; action: RepositoryAction; parent: ActionsNode };

export type Grouping = 'owner' | 'team';

export interface ActionsFilter {
  owner?: string;
  team?: string;
  /** Overrides minutes.actionItems.maxAgeWeeks (0: no limit). */
  maxAgeWeeks?: number;
}


export class ActionsProvider implements vscode.TreeDataProvider<ActionsNode> {
  private readonly emitter = new vscode.EventEmitter<ActionsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private groups: ActionsNode[] | undefined;
  private repo: MinutesRepository | undefined;
  grouping: Grouping = 'owner';
  filter: ActionsFilter = {};
  /** Set on the tree view, to say what is filtered. */
  view: vscode.TreeView<ActionsNode> | undefined;

  constructor(private readonly repositories: Repositories) {}

  setFilter(filter: ActionsFilter): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'minutes.actionsFiltered', Boolean(filter.owner || filter.team || filter.maxAgeWeeks !== undefined));
    this.refresh();
    if (this.view) this.view.description = this.describeFilter(this.openItems().length);
  }

  maxAgeWeeks(): number {
    if (this.filter.maxAgeWeeks !== undefined) return this.filter.maxAgeWeeks;
    const weeks = vscode.workspace.getConfiguration('minutes.actionItems').get<number>('maxAgeWeeks', DEFAULT_MAX_AGE_WEEKS);
    return Number.isFinite(weeks) && weeks >= 0 ? weeks : DEFAULT_MAX_AGE_WEEKS;
  }

  /** The open, current items the view lists (after the filter), the latest minutes' first. */
  openItems(): RepositoryAction[] {
    const index = this.repositories.active()?.index;
    if (!index) return [];
    const weeks = this.maxAgeWeeks();
    const newest = index.minutes().at(-1)?.date;
    const since = weeks > 0 && newest ? addDays(newest, -7 * weeks) : undefined;
    const items = repositoryActions(index, { open: true, since, owner: this.filter.owner, team: this.filter.team });
    const latestOfTeam = new Map<string, string>();
    for (const team of index.teams()) {
      const last = index.minutesOfTeam(team).at(-1);
      if (last) latestOfTeam.set(team, last.file);
    }
    const latest = (a: RepositoryAction) => (a.team && latestOfTeam.get(a.team) === a.file ? 0 : 1);
    return items.map((a, i) => ({ a, i })).sort((x, y) => latest(x.a) - latest(y.a) || x.i - y.i).map((x) => x.a);
  }

  private describeFilter(count: number): string | undefined {
    const parts = [this.filter.owner ? `@${this.filter.owner}` : '', this.filter.team ?? ''].filter(Boolean);
    const weeks = this.maxAgeWeeks();
    const age = weeks > 0 ? `the last ${weeks} ${weeks === 1 ? 'week' : 'weeks'}` : 'any age';
    return `${count} open ${count === 1 ? 'item' : 'items'}${parts.length ? ` of ${parts.join(', ')}` : ''}, ${age}`;
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    void vscode.commands.executeCommand('setContext', 'minutes.actionsGrouping', grouping);
    this.refresh();
  }

  /** Redraws when minutes changed (action items live in any of them). */
  refresh(): void {
    this.groups = undefined;
    this.emitter.fire(undefined);
  }

  getChildren(node?: ActionsNode): ActionsNode[] {
    if (node) return node.kind === 'group' ? node.items.map((action) => ({ kind: 'item', id: `${node.id}:${action.file}:${action.range.start.line}`, action, parent: node })) : [];
    if (this.groups) return this.groups;
    this.repo = this.repositories.active();
    const index = this.repo?.index;
    if (!index) return (this.groups = []);
    const names = teamDisplayNames(index);
    const byKey = new Map<string, RepositoryAction[]>();
    const items = this.openItems();
    if (this.view) this.view.description = this.describeFilter(items.length);
    for (const a of items) {
      const key = this.grouping === 'owner' ? (a.owner ? `@${a.owner}` : '(no owner)') : (a.team ?? '(no team)');
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(a);
    }
    const label = (key: string) => (this.grouping === 'team' ? (names.get(key) ?? guessTeamName(teamSlug(key))) : key);
    this.groups = [...byKey.entries()]
      .sort((a, b) => (a[0].startsWith('(') && !b[0].startsWith('(') ? 1 : b[0].startsWith('(') && !a[0].startsWith('(') ? -1 : b[1].length - a[1].length || a[0].localeCompare(b[0])))
      .map(([key, items]) => ({ kind: 'group', id: `${this.grouping}:${key}`, key, label: label(key), items }));
    return this.groups;
  }

  getParent(node: ActionsNode): ActionsNode | undefined {
    return node.kind === 'item' ? node.parent : undefined;
  }

  getTreeItem(node: ActionsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = `${node.items.length} open`;
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'owner' ? 'account' : 'organization');
      item.contextValue = 'minutes.actionGroup';
      return item;
    }
    const a = node.action;
    const item = new vscode.TreeItem(a.title || a.text || '(no text)', vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = this.grouping === 'owner' ? `${a.team ?? ''} · ${a.date ?? ''}` : `${a.owner ? `@${a.owner} · ` : ''}${a.date ?? ''}`;
    item.tooltip = new vscode.MarkdownString(`${a.title}\n\n> ${a.text.replace(/\n/g, ' ')}\n\n${a.owner ? `@${a.owner} · ` : ''}\`${a.file}\` line ${a.range.start.line + 1}${a.section ? ` · ${a.section}` : ''}`);
    item.iconPath = new vscode.ThemeIcon('circle-large-outline');
    const uri = this.repo!.uri(a.file);
    item.resourceUri = uri;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: toRange(a.range) }] };
    item.contextValue = 'minutes.action';
    return item;
  }
}

/** Marks an action item done in its file (one undoable WorkspaceEdit; the file is saved if it was not dirty). */
export async function markActionDone(repo: MinutesRepository, action: RepositoryAction): Promise<boolean> {
  const uri = repo.uri(action.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const wasDirty = doc.isDirty;
  const edits = markDoneEdits((line) => (line < doc.lineCount ? doc.lineAt(line).text : ''), action.range);
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toRange(e.range), e.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (!wasDirty) await doc.save();
  return true;
}

export function registerActionCommands(provider: ActionsProvider, repositories: Repositories): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMAND.actionsMarkDone, async (node?: ActionsNode) => {
      const repo = repositories.active();
      if (!repo || node?.kind !== 'item') return;
      await markActionDone(repo, node.action);
    }),
    vscode.commands.registerCommand(COMMAND.actionsFilter, async () => {
      const index = repositories.active()?.index;
      if (!index) return;
      const all = repositoryActions(index, { open: true });
      const count = (key: (a: RepositoryAction) => string | undefined) => {
        const m = new Map<string, number>();
        for (const a of all) {
          const k = key(a);
          if (k) m.set(k, (m.get(k) ?? 0) + 1);
        }
        return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      };
      type Pick = vscode.QuickPickItem & { apply?: ActionsFilter };
      const f = provider.filter;
      const picks: Pick[] = [
        { label: '$(clear-all) All open items', description: 'no owner or team filter, the default age', apply: {} },
        { label: 'Age', kind: vscode.QuickPickItemKind.Separator },
        ...[4, 12, 26, 52, 0].map((w): Pick => ({ label: w ? `$(history) Written in the last ${w} weeks` : '$(history) Any age', description: 'of the newest minutes', apply: { ...f, maxAgeWeeks: w } })),
        { label: 'Owner', kind: vscode.QuickPickItemKind.Separator },
        ...count((a) => a.owner).map(([owner, n]): Pick => ({ label: `$(account) @${owner}`, description: `${n} open`, apply: { ...f, owner } })),
        { label: 'Team', kind: vscode.QuickPickItemKind.Separator },
        ...count((a) => a.team).map(([team, n]): Pick => ({ label: `$(organization) ${team}`, description: `${n} open`, apply: { ...f, team } })),
      ];
      const chosen = await vscode.window.showQuickPick(picks, { title: 'Filter Action Items', placeHolder: 'Owner, team or age (filters add up; "All open items" clears them)', matchOnDescription: true });
      if (chosen?.apply) provider.setFilter(chosen.apply);
    }),
    vscode.commands.registerCommand(COMMAND.actionsClearFilter, () => provider.setFilter({})),
  );
}
