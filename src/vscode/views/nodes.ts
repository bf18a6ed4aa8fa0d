// Tree items shared by the Minutes views: a minutes file looks the same in every view.
import * as vscode from 'vscode';
import type { MinutesRepository } from '../repository';
import { isoWeekday } from '../../core/dates';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function weekdayName(date: string): string {
  return WEEKDAYS[isoWeekday(date) - 1];
}

/** A file item: opens on click, decorated with its problems through its resource URI. */
export function fileItem(repo: MinutesRepository, path: string, label: string, description: string, role: 'weekly' | 'minutes' | 'other', id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  const uri = repo.uri(path);
  const file = repo.index?.get(path);
  const date = file?.name.date;
  item.id = id;
  item.resourceUri = uri;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(role === 'weekly' ? 'calendar' : role === 'minutes' ? 'note' : 'file');
  item.contextValue = role === 'weekly' ? 'minutes.file.weekly' : 'minutes.file';
  const title = file?.doc.title?.heading.text;
  item.tooltip = new vscode.MarkdownString(
    [`**${title ?? path}**`, '', `\`${path}\``, date ? `${weekdayName(date)} ${date} · ${file?.name.week}` : ''].filter((l, i) => l !== '' || i === 1).join('  \n'),
  );
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
  return item;
}
