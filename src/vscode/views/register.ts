// The "Minutes" view container: Weeks, Teams and Outline, kept in step with the index and the
// active editor (revealed and selected unless `minutes.explorer.autoReveal` is off).
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import { WeeksProvider, AbsentDecorations, type WeeksNode } from './weeksView';
import { TeamsProvider, type TeamsNode } from './teamsView';
import { OutlineProvider } from './outlineView';
import { ActionsProvider, registerActionCommands, type ActionsNode } from './actionsView';
import { COMMAND } from '../commandIds';

export interface MinutesViews {
  weeks: WeeksProvider;
  teams: TeamsProvider;
  outline: OutlineProvider;
  actions: ActionsProvider;
  actionsView: vscode.TreeView<ActionsNode>;
  weeksView: vscode.TreeView<WeeksNode>;
  teamsView: vscode.TreeView<TeamsNode>;
}

export function registerViews(repositories: Repositories): { views: MinutesViews; disposable: vscode.Disposable } {
  const weeks = new WeeksProvider(repositories);
  const teams = new TeamsProvider(repositories);
  const outline = new OutlineProvider(repositories);
  const actions = new ActionsProvider(repositories);
  actions.setGrouping('owner');
  const weeksView = vscode.window.createTreeView('minutes.weeks', { treeDataProvider: weeks, showCollapseAll: true });
  const teamsView = vscode.window.createTreeView('minutes.teams', { treeDataProvider: teams, showCollapseAll: true });
  const outlineView = vscode.window.createTreeView('minutes.outline', { treeDataProvider: outline, showCollapseAll: true });
  const actionsView = vscode.window.createTreeView('minutes.actions', { treeDataProvider: actions, showCollapseAll: true });
  actions.view = actionsView;
  // Action items change with any minutes; redraw at most every second while typing.
  let actionsTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshActions = () => {
    if (actionsTimer) return;
    actionsTimer = setTimeout(() => {
      actionsTimer = undefined;
      actions.refresh();
    }, 1000);
  };

  const setContext = () => {
    const hasMinutes = repositories.all().some((r) => r.index);
    const indexing = repositories.all().some((r) => r.state === 'indexing');
    void vscode.commands.executeCommand('setContext', 'minutes.hasMinutes', hasMinutes);
    void vscode.commands.executeCommand('setContext', 'minutes.indexing', indexing);
    // Until the first index is done, the views say "Indexing…", never "No minutes found".
    const repos = repositories.all();
    const indexed = repos.length ? repos.every((r) => r.state !== 'indexing') : !vscode.workspace.workspaceFolders?.length;
    void vscode.commands.executeCommand('setContext', 'minutes.indexed', indexed);
  };
  setContext();

  const reveal = () => {
    if (!vscode.workspace.getConfiguration('minutes.explorer').get<boolean>('autoReveal', true)) return;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const repo = uri && repositories.forUri(uri);
    const path = repo && uri ? repo.workspace.pathOf(uri) : undefined;
    if (!path || repo !== repositories.active()) return;
    const revealIn = <T>(view: vscode.TreeView<T>, node: T | undefined) => {
      if (node && view.visible) void Promise.resolve(view.reveal(node, { select: true, focus: false, expand: true })).catch(() => undefined);
    };
    revealIn(weeksView, weeks.nodeFor(path));
    revealIn(teamsView, teams.nodeFor(path));
  };

  const disposable = vscode.Disposable.from(
    weeksView,
    teamsView,
    outlineView,
    actionsView,
    { dispose: () => actionsTimer && clearTimeout(actionsTimer) },
    vscode.commands.registerCommand(COMMAND.actionsGroupByOwner, () => actions.setGrouping('owner')),
    vscode.commands.registerCommand(COMMAND.actionsGroupByTeam, () => actions.setGrouping('team')),
    registerActionCommands(actions, repositories),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('minutes.actionItems')) actions.refresh();
    }),
    vscode.window.registerFileDecorationProvider(new AbsentDecorations()),
    repositories.onDidChange((e) => {
      const paths = e.all ? undefined : e.paths;
      weeks.refresh(paths);
      teams.refresh(paths);
      outline.refresh(paths);
      if (e.all) actions.refresh();
      else refreshActions();
    }),
    repositories.onDidChangeState(() => {
      setContext();
      weeks.refresh();
      teams.refresh();
      outline.refresh();
      actions.refresh();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      // An editor of another workspace folder's repository switches the views to it.
      weeks.refresh(new Set());
      teams.refresh(new Set());
      outline.refresh();
      reveal();
    }),
    weeksView.onDidChangeVisibility(reveal),
    teamsView.onDidChangeVisibility(reveal),
  );
  outline.refresh();
  return { views: { weeks, teams, outline, actions, actionsView, weeksView, teamsView }, disposable };
}
