// The Outline of the active minutes: its sections; in a weekly, each team section with the team
// minutes it links (broken ones marked).
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import type { MinutesRepository } from '../repository';
import type { MinutesHeading, MinutesLink } from '../../core/model';
import { sectionOf } from '../../core/sections';
import { isMarkdownPath, parseFileName } from '../../core/paths';
import { toRange } from '../convert';

export type OutlineNode =
  | { kind: 'heading'; id: string; heading: MinutesHeading; children: OutlineNode[] }
  | { kind: 'link'; id: string; link: MinutesLink; target: string; state: 'ok' | 'missing' | 'waiting' };

export class OutlineProvider implements vscode.TreeDataProvider<OutlineNode> {
  private readonly emitter = new vscode.EventEmitter<OutlineNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: OutlineNode[] | undefined;
  private repo: MinutesRepository | undefined;
  private path: string | undefined;

  constructor(private readonly repositories: Repositories) {}

  /** The file the outline shows, from the active editor. */
  get current(): { repo: MinutesRepository; path: string } | undefined {
    return this.repo && this.path ? { repo: this.repo, path: this.path } : undefined;
  }

  refresh(paths?: ReadonlySet<string>): void {
    const { repo, path } = this.repositories.activeFile() ?? {};
    // Another editor without minutes (output, settings) keeps the outline of the last minutes.
    if (path && !isMarkdownPath(path)) return;
    if (repo && path && (repo !== this.repo || path !== this.path)) {
      this.repo = repo;
      this.path = path;
    } else if (paths && this.path && !paths.has(this.path)) {
      const index = this.repo?.index;
      // Linked files changing only matters to a weekly's link states.
      if (!index?.get(this.path)?.targets.some((t) => paths.has(t))) return;
    }
    this.roots = undefined;
    this.emitter.fire(undefined);
  }

  getChildren(node?: OutlineNode): OutlineNode[] {
    if (node) return node.kind === 'heading' ? node.children : [];
    if (!this.roots) this.roots = this.build();
    return this.roots;
  }

  private build(): OutlineNode[] {
    const index = this.repo?.index;
    const file = this.path ? index?.get(this.path) : undefined;
    if (!index || !file) return [];
    const roots: OutlineNode[] = [];
    const stack: Array<OutlineNode & { kind: 'heading' }> = [];
    const byHeading = new Map<MinutesHeading, OutlineNode & { kind: 'heading' }>();
    file.doc.headings.forEach((heading, i) => {
      const node: OutlineNode & { kind: 'heading' } = { kind: 'heading', id: `h:${i}:${heading.slug}`, heading, children: [] };
      byHeading.set(heading, node);
      while (stack.length && stack[stack.length - 1].heading.level >= heading.level) stack.pop();
      (stack.length ? stack[stack.length - 1].children : roots).push(node);
      stack.push(node);
    });
    const weekly = file.name.team !== undefined && file.name.team === index.weeklyFolder();
    if (weekly) {
      file.doc.links.forEach((link, i) => {
        const target = index.resolve(file.path, link);
        // Only links to other dated minutes (team minutes), not images or this file's own headings.
        if (target.kind !== 'internal' || target.path === file.path || !parseFileName(target.path).date) return;
        const heading = sectionOf(file.doc, link.range.start.line);
        const parent = heading && byHeading.get(heading);
        if (!parent) return;
        const exists = index.hasFile(target.path);
        parent.children.unshift({ kind: 'link', id: `l:${i}:${target.path}`, link, target: target.path, state: exists ? 'ok' : link.waiting ? 'waiting' : 'missing' });
      });
    }
    return roots;
  }

  getTreeItem(node: OutlineNode): vscode.TreeItem {
    const repo = this.repo!;
    const docUri = repo.uri(this.path!);
    if (node.kind === 'heading') {
      const item = new vscode.TreeItem(node.heading.text || '(empty heading)', node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = `H${node.heading.level}`;
      item.iconPath = new vscode.ThemeIcon('symbol-string');
      item.tooltip = `#${node.heading.slug} · line ${node.heading.range.start.line + 1}`;
      item.command = { command: 'vscode.open', title: 'Go to Heading', arguments: [docUri, { selection: toRange(node.heading.range) }] };
      item.contextValue = 'minutes.heading';
      return item;
    }
    const file = repo.index?.get(node.target);
    const item = new vscode.TreeItem(node.target, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    const description = { ok: file?.doc.title?.heading.text ?? '', missing: 'missing', waiting: 'waiting to be merged' }[node.state];
    item.description = description;
    item.iconPath =
      node.state === 'ok'
        ? new vscode.ThemeIcon('link')
        : node.state === 'waiting'
          ? new vscode.ThemeIcon('git-pull-request', new vscode.ThemeColor('editorInfo.foreground'))
          : new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = node.state === 'missing' ? `${node.target} does not exist` : node.target;
    if (node.state === 'ok') {
      item.resourceUri = repo.uri(node.target);
      item.command = { command: 'vscode.open', title: 'Open', arguments: [repo.uri(node.target)] };
      item.contextValue = 'minutes.file';
    } else {
      item.command = { command: 'vscode.open', title: 'Go to Link', arguments: [docUri, { selection: toRange(node.link.range) }] };
      item.contextValue = 'minutes.brokenLink';
    }
    return item;
  }
}
