// What the Problems panel shows: errors everywhere; warnings and infos only where there is
// something to do now (recent minutes, open files, files changed in git), unless the user asks for
// everything. The CLI always checks everything; this scope is the extension's only.
import * as vscode from 'vscode';
import type { MinutesDiagnostic } from '../core/diagnostics';
import { attentionFindings, DEFAULT_RECENT_WEEKS, isRecent } from '../core/attention';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import type { GitRunner } from './platform/types';
import { COMMAND } from './commandIds';

export type ProblemsScope = 'attention' | 'all';

/** Why a file's warnings are shown (or undefined: only its errors are). */
export type AttentionReason = 'all' | 'open' | 'recent' | 'changed';

export interface ScopeChange {
  repository?: MinutesRepository;
  /** Undefined: every file of the repository (or of every repository). */
  paths?: ReadonlySet<string>;
}

const SETTING = 'minutes.problems';

/** The user's severity for a rule (`default`: the rule's own), unless `.minutes.jsonc` sets one. */
export function ruleSettingOf(rule: string): 'default' | 'off' | 'info' | 'warning' | 'error' {
  const value = vscode.workspace.getConfiguration('minutes.rules').get<string>(rule, 'default');
  return value === 'off' || value === 'info' || value === 'warning' || value === 'error' ? value : 'default';
}

/** The findings of a file with the user's rule settings applied where the repository's file sets none. */
export function applyRuleSettings(repo: MinutesRepository, findings: MinutesDiagnostic[]): MinutesDiagnostic[] {
  const fromFile = repo.config?.rules ?? {};
  const out: MinutesDiagnostic[] = [];
  for (const f of findings) {
    if (fromFile[f.rule] !== undefined) {
      out.push(f);
      continue;
    }
    const setting = ruleSettingOf(f.rule);
    if (setting === 'off') continue;
    out.push(setting === 'default' || setting === f.severity ? f : { ...f, severity: setting });
  }
  return out;
}

export class ProblemScope implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ScopeChange>();
  readonly onDidChange = this.emitter.event;
  /** A session's choice (Show All Problems / Focus Problems), over the setting. */
  private override: ProblemsScope | undefined;
  private readonly changed = new Map<MinutesRepository, Set<string>>();
  private readonly gitRuns = new Map<MinutesRepository, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Findings counted but not shown, per repository and file. */
  readonly hidden = new Map<MinutesRepository, Map<string, number>>();
  private readonly hiddenEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeHidden = this.hiddenEmitter.event;

  /** `git` comes from the platform: absent on the web, where nothing counts as changed. */
  constructor(
    private readonly repositories: Repositories,
    private readonly git?: GitRunner,
  ) {
    this.disposables.push(
      this.emitter,
      this.hiddenEmitter,
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of [...e.opened, ...e.closed]) {
          const uri = (tab.input as { uri?: unknown } | undefined)?.uri;
          if (uri instanceof vscode.Uri) this.documentToggled(uri);
        }
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        const repo = repositories.forUri(doc.uri);
        if (repo) this.refreshGit(repo);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING) || e.affectsConfiguration('minutes.rules')) this.emitter.fire({});
      }),
      repositories.onDidChange(({ repository, all }) => {
        if (all) this.refreshGit(repository);
      }),
      { dispose: () => [...this.gitRuns.values()].forEach(clearTimeout) },
    );
  }

  scope(): ProblemsScope {
    return this.override ?? (vscode.workspace.getConfiguration(SETTING).get<string>('scope') === 'all' ? 'all' : 'attention');
  }

  recentWeeks(): number {
    const weeks = vscode.workspace.getConfiguration(SETTING).get<number>('recentWeeks', DEFAULT_RECENT_WEEKS);
    return Number.isFinite(weeks) && weeks >= 0 ? weeks : DEFAULT_RECENT_WEEKS;
  }

  /** For this window only: show every problem, or go back to those that need attention. */
  setSessionScope(scope: ProblemsScope | undefined): void {
    this.override = scope;
    void vscode.commands.executeCommand('setContext', 'minutes.problemsScope', this.scope());
    this.emitter.fire({});
  }

  /** Why warnings of `path` are shown (open: in an editor tab), or undefined when only its errors are. */
  attention(repo: MinutesRepository, path: string): AttentionReason | undefined {
    if (this.scope() === 'all') return 'all';
    if (this.isOpen(repo, path)) return 'open';
    if (this.changed.get(repo)?.has(path)) return 'changed';
    if (repo.index && isRecent(repo.index, path, this.recentWeeks())) return 'recent';
    return undefined;
  }

  /** The findings the Problems panel shows for a file; the rest are counted as hidden. */
  filter(repo: MinutesRepository, path: string, findings: MinutesDiagnostic[]): MinutesDiagnostic[] {
    const shown = attentionFindings(findings, Boolean(this.attention(repo, path)));
    let counts = this.hidden.get(repo);
    if (!counts) this.hidden.set(repo, (counts = new Map()));
    const hiddenCount = findings.length - shown.length;
    const before = counts.get(path) ?? 0;
    if (hiddenCount) counts.set(path, hiddenCount);
    else counts.delete(path);
    if (before !== hiddenCount) this.hiddenEmitter.fire();
    return shown;
  }

  forget(repo: MinutesRepository, path?: string): void {
    if (path === undefined) this.hidden.delete(repo);
    else this.hidden.get(repo)?.delete(path);
    this.hiddenEmitter.fire();
  }

  hiddenCount(): number {
    let n = 0;
    for (const counts of this.hidden.values()) for (const c of counts.values()) n += c;
    return n;
  }

  private isOpen(repo: MinutesRepository, path: string): boolean {
    const uri = repo.uri(path).toString();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input as { uri?: vscode.Uri } | undefined;
        if (input?.uri?.toString() === uri) return true;
      }
    }
    return false;
  }

  private documentToggled(uri: vscode.Uri): void {
    if (this.scope() === 'all') return;
    const { repo, path } = this.repositories.fileOf(uri) ?? {};
    if (repo && path && repo.index?.get(path)) this.emitter.fire({ repository: repo, paths: new Set([path]) });
  }

  /** Files changed in the working tree or the index (git status), when the folder is on disk and git is there. */
  private refreshGit(repo: MinutesRepository): void {
    const git = this.git;
    if (repo.folder.uri.scheme !== 'file' || !git) return;
    clearTimeout(this.gitRuns.get(repo));
    this.gitRuns.set(
      repo,
      setTimeout(async () => {
        this.gitRuns.delete(repo);
        const cwd = repo.folder.uri.fsPath;
        // `git status` prints paths from the top of the git repository, which may lie above the folder.
        if (!prefixes.has(repo)) {
          const prefix = await git(cwd, ['rev-parse', '--show-prefix']);
          if (prefix !== undefined) prefixes.set(repo, prefix.trim());
        }
        const stdout = await git(cwd, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', '.']);
        // No git, not a repository, an untrusted workspace or a failure: nothing counts as changed.
        const now = new Set<string>();
        if (stdout !== undefined) {
          const prefix = prefixes.get(repo) ?? '';
          for (const entry of stdout.split('\0')) {
            const path = entry.slice(3);
            if (entry.length > 3 && path.startsWith(prefix)) now.add(path.slice(prefix.length));
          }
        }
        const before = this.changed.get(repo) ?? new Set<string>();
        const diff = new Set([...now].filter((p) => !before.has(p)).concat([...before].filter((p) => !now.has(p))));
        this.changed.set(repo, now);
        if (diff.size) this.emitter.fire({ repository: repo, paths: diff });
      }, 300),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Where each workspace folder sits inside its git repository (`git rev-parse --show-prefix`). */
const prefixes = new WeakMap<MinutesRepository, string>();

/** The status-bar entry ("12 older problems hidden") and the commands that widen or narrow the scope. */
export function registerProblemScopeUi(scope: ProblemScope): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('minutes.problemsScope', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Minutes Problems Scope';
  const render = () => {
    const hidden = scope.hiddenCount();
    if (scope.scope() === 'all') {
      item.text = '$(eye) All minutes problems';
      item.tooltip = 'The Problems panel shows every minutes problem. Click to show only errors and what needs attention now (recent, open or changed minutes).';
      item.command = COMMAND.focusProblems;
      item.show();
    } else if (hidden > 0) {
      item.text = `$(filter) ${hidden} older ${hidden === 1 ? 'problem' : 'problems'} hidden`;
      item.tooltip = `The Problems panel shows every error, and warnings of recent, open and changed minutes; ${hidden} ${hidden === 1 ? 'warning or info' : 'warnings and infos'} in older minutes ${hidden === 1 ? 'is' : 'are'} hidden. Click to show all problems (setting: minutes.problems.scope).`;
      item.command = COMMAND.showAllProblems;
      item.show();
    } else item.hide();
  };
  void vscode.commands.executeCommand('setContext', 'minutes.problemsScope', scope.scope());
  render();
  return vscode.Disposable.from(
    item,
    scope.onDidChangeHidden(render),
    scope.onDidChange(render),
    vscode.commands.registerCommand(COMMAND.showAllProblems, async () => {
      scope.setSessionScope('all');
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand(COMMAND.focusProblems, () => scope.setSessionScope('attention')),
  );
}
