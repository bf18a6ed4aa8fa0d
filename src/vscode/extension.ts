// Minutes Workbench: reads like a table of contents; each feature registers its own disposables.
import * as vscode from 'vscode';
import { Repositories } from './repositories';
import { registerDiagnostics } from './diagnostics';
import { registerStatusBar } from './statusBar';
import { registerCommands, ruleDocLink } from './commands';
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
import { HostMetrics } from './hostMetrics';
import { nextTurn } from './slices';
// The Node platform; the web bundle (package.json `browser`) gets ./platform/web in its place.
import { createPlatform } from './platform/node';
import { ProblemScope, registerProblemScopeUi } from './problemScope';
import { registerConfigFile } from './configFile';


export interface MinutesApi {
  repositories: Repositories;
  findings: FindingsStore;
  views: MinutesViews;
  /** What the Problems panel shows (errors everywhere, the rest where it needs attention). */
  problemScope: ProblemScope;
  /** Resolves when no repository is indexing any more and the Problems panel is up to date. */
  whenIdle(): Promise<void>;
  /** Activation and build timings, and (with MINUTES_LAG_MONITOR=1) the event loop's longest stalls. */
  metrics: HostMetrics;
  /** Where the parse cache is kept (the workspace storage), if anywhere. */
  cacheFolder: string | undefined;
  /** Which extension host this runs in: Node (desktop, remote) or the web worker (github.dev, vscode.dev). */
  platform: 'node' | 'web';
}

export function activate(context: vscode.ExtensionContext): MinutesApi {
  const activateStart = performance.now();
  const platform = createPlatform(context);
  const metrics = new HostMetrics(platform.lagMonitor);
  const log = vscode.window.createOutputChannel('Minutes');
  const repositories = new Repositories(log, { platform, metrics });
  const findings = new FindingsStore();
  const ruleDoc = ruleDocLink;
  const { views, disposable: viewsDisposable } = registerViews(repositories);

  const problemScope = new ProblemScope(repositories, platform.git);
  const diagnostics = registerDiagnostics(repositories, ruleDoc, findings, (repo) => repo.diagnosticsDone(), problemScope);
  context.subscriptions.push(
    log,
    repositories,
    platform,
    metrics,
    diagnostics,
    registerCodeActions(findings, repositories),
    registerImageDownload(repositories, platform.imageDownload),
    registerCrossReferences(repositories),
    registerWeeklyCommands(repositories),
    registerRenames(repositories),
    registerCompletions(repositories),
    registerStatusBar(repositories),
    registerCommands(repositories, log, context.extensionUri),
    viewsDisposable,
    registerNavigation(repositories),
    registerItemCommands(repositories),
    problemScope,
    registerProblemScopeUi(problemScope),
    registerConfigFile(repositories),
  );
  repositories.start();

  const notIndexing = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (repositories.all().every((r) => r.state !== 'indexing')) {
          sub.dispose();
          resolve();
        }
      };
      const sub = repositories.onDidChangeState(() => void nextTurn().then(check));
      void nextTurn().then(check);
    });
  const whenIdle = async (): Promise<void> => {
    await notIndexing();
    await diagnostics.whenIdle();
    // Publishing may have let a queued build start.
    if (repositories.all().some((r) => r.state === 'indexing')) return whenIdle();
  };
  // Set by the bundle's first and last lines (scripts/build.mjs), to tell module load from activate().
  const stamps = globalThis as { __minutesLoadStart?: number; __minutesLoadEnd?: number };
  const ms = (x: number) => Math.round(x * 100) / 100;
  metrics.activation = {
    moduleEvalMs: stamps.__minutesLoadStart === undefined || stamps.__minutesLoadEnd === undefined ? undefined : ms(stamps.__minutesLoadEnd - stamps.__minutesLoadStart),
    loadMs: stamps.__minutesLoadStart === undefined ? undefined : ms(activateStart - stamps.__minutesLoadStart),
    activateMs: ms(performance.now() - activateStart),
  };
  return { repositories, findings, views, problemScope, whenIdle, metrics, cacheFolder: platform.cacheLocation, platform: platform.kind };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
