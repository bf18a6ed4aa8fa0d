// Minutes Workbench: reads like a table of contents; each feature registers its own disposables.
import * as vscode from 'vscode';
import { Repositories } from './repositories';
import { registerDiagnostics } from './diagnostics';
import { registerStatusBar } from './statusBar';
import { registerCommands } from './commands';
import { registerViews, type MinutesViews } from './views/register';
import { registerNavigation } from './navigation';
import { registerItemCommands } from './itemCommands';
import { FindingsStore } from './diagnostics';
import { registerCodeActions } from './codeActions';
import { registerImageDownload } from './imageDownload';
import { registerCrossReferences } from './crossrefs';
import { registerWeeklyCommands } from './weeklyCommands';
import { registerRenames } from './renames';
import { registerCompletions } from './completions';

export interface MinutesApi {
  repositories: Repositories;
  findings: FindingsStore;
  views: MinutesViews;
  /** Resolves when no repository is indexing any more. */
  whenIdle(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): MinutesApi {
  const log = vscode.window.createOutputChannel('Minutes');
  const repositories = new Repositories(log);
  const findings = new FindingsStore();
  const ruleDoc = (rule: string) => vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${rule}.md`);
  const { views, disposable: viewsDisposable } = registerViews(repositories);
  // A view's node names a file by its repository path.
  const nodeUri = (node: unknown): vscode.Uri | undefined => {
    const n = node as { kind?: string; path?: string; target?: string; state?: string } | undefined;
    const repo = repositories.active();
    if (!repo || !n?.kind) return undefined;
    if (n.kind === 'file' && n.path) return repo.uri(n.path);
    if (n.kind === 'link' && n.target && n.state === 'ok') return repo.uri(n.target);
    return undefined;
  };

  context.subscriptions.push(
    log,
    repositories,
    registerDiagnostics(repositories, ruleDoc, findings),
    registerCodeActions(findings, repositories),
    registerImageDownload(repositories),
    registerCrossReferences(repositories),
    registerWeeklyCommands(repositories),
    registerRenames(repositories),
    registerCompletions(repositories),
    registerStatusBar(repositories),
    registerCommands(repositories, log),
    viewsDisposable,
    registerNavigation(repositories),
    registerItemCommands(repositories, nodeUri),
  );
  repositories.start();

  return {
    repositories,
    findings,
    views,
    whenIdle: () =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (repositories.all().every((r) => r.state !== 'indexing')) {
            sub.dispose();
            resolve();
          }
        };
        const sub = repositories.onDidChangeState(() => setImmediate(check));
        setImmediate(check);
      }),
  };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
