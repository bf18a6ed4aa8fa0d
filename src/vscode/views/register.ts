// The "Minutes" view container: Weeks, Teams, Outline and Action Items, registered from one list of
// view descriptors and kept in step with the index and the active editor (revealed and selected
// unless `minutes.explorer.autoReveal` is off). A new view is its provider plus one descriptor here.
import * as vscode from 'vscode';
import type { Repositories } from '../repositories';
import { VIEW, COMMAND, type ViewId } from '../commandIds';
import { WeeksProvider, AbsentDecorations, type WeeksNode } from './weeksView';
import { TeamsProvider, type TeamsNode } from './teamsView';
import { OutlineProvider } from './outlineView';
import { ActionsProvider, registerActionCommands, type ActionsNode } from './actionsView';
import { viewContextOf, type ViewContext } from './viewContext';

export interface MinutesViews {
  weeks: WeeksProvider;
  teams: TeamsProvider;
  outline: OutlineProvider;
  actions: ActionsProvider;
  actionsView: vscode.TreeView<ActionsNode>;
  weeksView: vscode.TreeView<WeeksNode>;
  teamsView: vscode.TreeView<TeamsNode>;
  /** The context keys of the views' welcome messages, as last set. */
  context: Readonly<ViewContext>;
}

/** What a view needs from its provider beyond VS Code's tree data: redrawing, and finding a file's node. */
interface MinutesTreeProvider<T> extends vscode.TreeDataProvider<T> {
  refresh(paths?: ReadonlySet<string>): void;
  nodeFor?(path: string): T | undefined;
}

/** One view of the container: its id, its provider, and how it follows the repository and the editor. */
interface ViewDescriptor<T> {
  id: ViewId;
  provider: MinutesTreeProvider<T>;
  /** Files changed (undefined: everything); by default the provider redraws them. */
  onFilesChanged?(paths: ReadonlySet<string> | undefined): void;
  /** Another editor became active. */
  onActiveEditor?(): void;
  /** Reveals the active editor's file when the view is visible (the provider has `nodeFor`). */
  reveals?: boolean;
}

/** A registered view, whatever its node type. */
interface RegisteredView extends vscode.Disposable {
  onFilesChanged(paths: ReadonlySet<string> | undefined): void;
  onActiveEditor(): void;
  refresh(): void;
  reveals: boolean;
  /** Selects the node of a file, if the view is visible and shows it. */
  reveal(path: string): void;
  onDidChangeVisibility: vscode.Event<unknown>;
}

function createView<T>(d: ViewDescriptor<T>): { view: vscode.TreeView<T>; registered: RegisteredView } {
  const view = vscode.window.createTreeView(d.id, { treeDataProvider: d.provider, showCollapseAll: true });
  const registered: RegisteredView = {
    onFilesChanged: (paths) => (d.onFilesChanged ? d.onFilesChanged(paths) : d.provider.refresh(paths)),
    onActiveEditor: () => d.onActiveEditor?.(),
    refresh: () => d.provider.refresh(),
    reveals: d.reveals ?? false,
    reveal: (path) => {
      const node = d.provider.nodeFor?.(path);
      if (node && view.visible) void Promise.resolve(view.reveal(node, { select: true, focus: false, expand: true })).catch(() => undefined);
    },
    onDidChangeVisibility: view.onDidChangeVisibility,
    dispose: () => view.dispose(),
  };
  return { view, registered };
}

/** Calls `run` at most once a second while changes keep coming. */
function throttled(run: () => void): { call(): void; dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call: () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, 1000);
    },
    dispose: () => timer && clearTimeout(timer),
  };
}

/** Sets the context keys of the views' welcome messages from the repositories' states. */
function setContext(repositories: Repositories, context: ViewContext): void {
  Object.assign(context, viewContextOf(repositories.all(), Boolean(vscode.workspace.workspaceFolders?.length)));
  for (const [key, value] of Object.entries(context)) void vscode.commands.executeCommand('setContext', key, value);
}

export function registerViews(repositories: Repositories): { views: MinutesViews; disposable: vscode.Disposable } {
  const weeks = new WeeksProvider(repositories);
  const teams = new TeamsProvider(repositories);
  const outline = new OutlineProvider(repositories);
  const actions = new ActionsProvider(repositories);
  actions.setGrouping('owner');
  // Action items change with any minutes; redraw at most every second while typing.
  const actionsSoon = throttled(() => actions.refresh());
  // An editor of another workspace folder's repository switches the views to it.
  const weeksView = createView<WeeksNode>({ id: VIEW.weeks, provider: weeks, onActiveEditor: () => weeks.refresh(new Set()), reveals: true });
  const teamsView = createView<TeamsNode>({ id: VIEW.teams, provider: teams, onActiveEditor: () => teams.refresh(new Set()), reveals: true });
  const outlineView = createView({ id: VIEW.outline, provider: outline, onActiveEditor: () => outline.refresh() });
  const actionsView = createView<ActionsNode>({ id: VIEW.actions, provider: actions, onFilesChanged: (paths) => (paths ? actionsSoon.call() : actions.refresh()) });
  actions.view = actionsView.view;
  const views = [weeksView, teamsView, outlineView, actionsView].map((v) => v.registered);
  const context = viewContextOf([], true);
  setContext(repositories, context);
  const reveal = () => revealActive(repositories, views);

  const disposable = vscode.Disposable.from(
    ...views,
    actionsSoon,
    vscode.commands.registerCommand(COMMAND.actionsGroupByOwner, () => actions.setGrouping('owner')),
    vscode.commands.registerCommand(COMMAND.actionsGroupByTeam, () => actions.setGrouping('team')),
    registerActionCommands(actions, repositories),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('minutes.actionItems')) actions.refresh();
    }),
    vscode.window.registerFileDecorationProvider(new AbsentDecorations()),
    repositories.onDidChange((e) => {
      for (const view of views) view.onFilesChanged(e.all ? undefined : e.paths);
    }),
    repositories.onDidChangeState(() => {
      setContext(repositories, context);
      for (const view of views) view.refresh();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      for (const view of views) view.onActiveEditor();
      reveal();
    }),
    ...views.filter((v) => v.reveals).map((v) => v.onDidChangeVisibility(reveal)),
  );
  outline.refresh();
  return { views: { weeks, teams, outline, actions, actionsView: actionsView.view, weeksView: weeksView.view, teamsView: teamsView.view, context }, disposable };
}

/** Selects the active editor's file in the views that reveal it, when they are visible. */
function revealActive(repositories: Repositories, views: RegisteredView[]): void {
  if (!vscode.workspace.getConfiguration('minutes.explorer').get<boolean>('autoReveal', true)) return;
  const found = repositories.activeFile();
  if (!found || found.repo !== repositories.active()) return;
  for (const view of views) if (view.reveals) view.reveal(found.path);
}
