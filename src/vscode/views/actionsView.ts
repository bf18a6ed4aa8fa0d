// The Action Items view: the open action items of the repository, grouped by owner or by team,
// newest first; each opens the line it was written on.
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import type { MinutesRepository } from '../repository';
import { repositoryActions, type RepositoryAction } from '../../core/actions';
import { teamDisplayNames, guessTeamName } from '../../core/teams';
import { teamSlug } from '../../core/paths';
import { toRange } from '../convert';

export type ActionsNode = { kind: 'group'; id: string; key: string; label: string; items: RepositoryAction[] } | { kind: 'item'; id: string; action: RepositoryAction; parent: ActionsNode };

export type Grouping = 'owner' | 'team';

export class ActionsProvider implements vscode.TreeDataProvider<ActionsNode> {
  private readonly emitter = new vscode.EventEmitter<ActionsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private groups: ActionsNode[] | undefined;
  private repo: MinutesRepository | undefined;
  grouping: Grouping = 'owner';

  constructor(private readonly repositories: Repositories) {}

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
    for (const a of repositoryActions(index, { open: true })) {
      const key = this.grouping === 'owner' ? (a.owner ? `@${a.owner}` : '(no owner)') : (a.team ?? '(no team)');
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(a);
    }
    const label = (key: string) => (this.grouping === 'team' ? (names.get(key) ?? guessTeamName(teamSlug(key))) : key);
    this.groups = [...byKey.entries()]
      .sort((a, b) => (a[0].startsWith('(') ? 1 : b[0].startsWith('(') ? -1 : b[1].length - a[1].length || a[0].localeCompare(b[0])))
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
    const item = new vscode.TreeItem(a.text || '(no text)', vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = this.grouping === 'owner' ? `${a.team ?? ''} · ${a.date ?? ''}` : `${a.owner ? `@${a.owner} · ` : ''}${a.date ?? ''}`;
    item.tooltip = new vscode.MarkdownString(`${a.text}\n\n${a.owner ? `@${a.owner} · ` : ''}\`${a.file}\` line ${a.range.start.line + 1}${a.section ? ` · ${a.section}` : ''}`);
    item.iconPath = new vscode.ThemeIcon('circle-large-outline');
    const uri = this.repo!.uri(a.file);
    item.resourceUri = uri;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: toRange(a.range) }] };
    item.contextValue = 'minutes.action';
    return item;
  }
}
