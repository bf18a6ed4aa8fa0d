// Commands between a weekly and the team minutes it links (category "Minutes").
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import { editsOf, planWeeklyLinks } from '../core/weeklyLinks';
import { outgoingLinks, incomingLinks, describeIncoming } from '../core/refs';
import { adjacentMinutes } from '../core/navigation';
import { parseFileName } from '../core/paths';
import { toRange } from './convert';
import { COMMAND } from './commandIds';

function info(message: string): void {
  void vscode.window.showInformationMessage(`Minutes: ${message}`);
}

function active(repositories: Repositories, uri?: vscode.Uri): { repo: MinutesRepository; path: string; document?: vscode.TextDocument } | undefined {
  const found = uri ? repositories.fileOf(uri) : repositories.activeFile();
  if (!found?.repo.index?.get(found.path)) return undefined;
  const { repo, path, uri: target } = found;
  return { repo, path, document: vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString()) };
}

function activeWeekly(repositories: Repositories, uri?: vscode.Uri) {
  const found = active(repositories, uri);
  if (!found || !found.repo.index!.isWeeklyFolder(found.repo.index!.get(found.path)?.name.team) || !found.repo.index!.get(found.path)?.name.date) {
    info('this command works in a weekly (a dated file of the weekly folder); open one first.');
    return undefined;
  }
  return found;
}

export function registerWeeklyCommands(repositories: Repositories): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMAND.linkThisWeeksTeamMinutes, async (uri?: vscode.Uri, options?: { preview?: boolean }) => {
      const found = activeWeekly(repositories, uri);
      if (!found) return;
      const document = found.document ?? (await vscode.workspace.openTextDocument(found.repo.uri(found.path)));
      const plan = planWeeklyLinks(found.repo.index!, found.path, document.getText());
      for (const u of plan.undecided) info(`cannot decide for ${u}`);
      if (plan.edits.length === 0) {
        info(plan.undecided.length ? 'nothing else to change.' : 'every team section already links its minutes of this week.');
        return;
      }
      // The changes, each ticked, in a pick list: Enter applies exactly the ticked ones (VS Code's
      // refactoring preview would start with every change needing confirmation unticked).
      let chosen = plan.items;
      if (options?.preview !== false) {
        const picks = plan.items.map((item) => ({ label: item.change, picked: true, item }));
        const picked = await vscode.window.showQuickPick(picks, {
          title: `Link This Week’s Team Minutes: ${plan.items.length} ${plan.items.length === 1 ? 'change' : 'changes'} to ${found.path}`,
          placeHolder: 'Every change is ticked: untick what you do not want, Enter applies the rest',
          canPickMany: true,
          ignoreFocusOut: true,
        });
        if (!picked?.length) return;
        chosen = picked.map((p) => p.item);
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of editsOf(plan, chosen)) edit.replace(document.uri, toRange(e.range), e.newText);
      if (await vscode.workspace.applyEdit(edit, { isRefactoring: true })) {
        info(`${chosen.length} ${chosen.length === 1 ? 'change' : 'changes'} applied (Undo reverts ${chosen.length === 1 ? 'it' : 'them'}): ${chosen.map((c) => c.change).join('; ')}`);
      }
    }),

    vscode.commands.registerCommand(COMMAND.openLinkedTeamMinutes, async (uri?: vscode.Uri) => {
      const found = activeWeekly(repositories, uri);
      if (!found) return;
      const index = found.repo.index!;
      const linked = outgoingLinks(index, found.path).filter((o) => o.target.kind === 'internal' && o.exists && parseFileName(o.target.path).date && o.target.path !== found.path);
      const unique = [...new Map(linked.map((o) => [(o.target as { path: string }).path, o])).values()];
      if (unique.length === 0) return info('this weekly links no team minutes.');
      const items = unique.map((o) => {
        const path = (o.target as { path: string }).path;
        return { label: path, description: index.get(path)?.doc.title?.heading.text, path, picked: false };
      });
      const picked = await vscode.window.showQuickPick(items, { title: 'Open Linked Team Minutes', canPickMany: true, placeHolder: 'Pick the minutes to open beside the weekly (Enter with none picked opens all)' });
      if (!picked) return;
      for (const item of picked.length ? picked : items) {
        await vscode.window.showTextDocument(found.repo.uri(item.path), { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
      }
    }),

    vscode.commands.registerCommand(COMMAND.showWhereLinked, async (uri?: vscode.Uri) => {
      const found = active(repositories, uri);
      if (!found) return info('open a minutes file first.');
      const index = found.repo.index!;
      const incoming = incomingLinks(index, found.path);
      if (incoming.length === 0) return info(`nothing links ${found.path} yet.`);
      const choose = async () => {
        if (incoming.length === 1) return incoming[0];
        const picked = await vscode.window.showQuickPick(
          incoming.map((i) => ({ label: describeIncoming(index, i), description: `${i.from}:${i.link.range.start.line + 1}`, i })),
          { title: `Where ${found.path} is linked` },
        );
        return picked?.i;
      };
      const target = await choose();
      if (!target) return;
      await vscode.window.showTextDocument(found.repo.uri(target.from), { selection: toRange(target.link.range), preview: false });
    }),

    vscode.commands.registerCommand(COMMAND.compareWithPrevious, async (uri?: vscode.Uri) => {
      const found = active(repositories, uri);
      if (!found || !found.repo.index!.get(found.path)?.name.date) return info('this command works in a minutes file (a dated file such as iaas/20230426.md).');
      const previous = adjacentMinutes(found.repo.index!, found.path, -1);
      if (!previous) return info('this is the team’s first meeting; there is nothing to compare with.');
      await vscode.commands.executeCommand('vscode.diff', found.repo.uri(previous.file), found.repo.uri(found.path), `${previous.file} ↔ ${found.path}`);
    }),
  );
}
