// Problems panel: every finding of every indexed file, updated for just the files a change affects.
// The findings are kept with their fixes, for the code actions.
import * as vscode from 'vscode';
import { checkFile } from '../core/check';
import type { MinutesDiagnostic } from '../core/diagnostics';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import { toDiagnostic } from './convert';
import { Slicer } from './slices';
import { applyRuleSettings, type ProblemScope } from './problemScope';
import { isCurrentText } from './documentVersion';

export interface PublishedFindings {
  repo: MinutesRepository;
  path: string;
  findings: MinutesDiagnostic[];
  /** The editor version the findings were computed for (undefined: the text on disk). */
  version: number | undefined;
}

/** The findings behind the Problems panel, by URI. */
export class FindingsStore {
  private readonly byUri = new Map<string, PublishedFindings>();

  get(uri: vscode.Uri): PublishedFindings | undefined {
    return this.byUri.get(uri.toString());
  }

  /** The findings of a document, if they were computed for exactly its current text. */
  current(document: vscode.TextDocument): PublishedFindings | undefined {
    const found = this.get(document.uri);
    if (!found) return undefined;
    return isCurrentText(found.version, document) ? found : undefined;
  }

  set(uri: vscode.Uri, value: PublishedFindings | undefined): void {
    if (value) this.byUri.set(uri.toString(), value);
    else this.byUri.delete(uri.toString());
  }
}

export interface DiagnosticsPublisher extends vscode.Disposable {
  /** Resolves when every change so far is in the Problems panel. */
  whenIdle(): Promise<void>;
}

/** A pass over a repository's files: every file (after a build) or the ones a change touched. */
interface Pass {
  all: boolean;
  paths: Set<string>;
}

export function registerDiagnostics(
  repositories: Repositories,
  ruleDoc: (rule: string) => vscode.Uri,
  store: FindingsStore,
  onFullPass?: (repo: MinutesRepository) => void,
  scope?: ProblemScope,
): DiagnosticsPublisher {
  const collection = vscode.languages.createDiagnosticCollection('minutes');
  const published = new Map<MinutesRepository, Set<string>>();
  // Checking and publishing every file of a large repository takes seconds: it goes in slices,
  // a batch of files per slice, so the extension host keeps answering in between.
  const queue = new Map<MinutesRepository, Pass>();
  let draining: Promise<void> | undefined;
  let idleWaiters: Array<() => void> = [];

  const check = (repo: MinutesRepository, path: string, batch: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]>) => {
    const index = repo.index;
    const uri = repo.uri(path);
    // Before the first index exists, a visible editor's file has its findings from the listing
    // (no fixes are offered for them: the code actions wait for the index).
    const early = index ? undefined : repo.previewFindings(path);
    const raw = early ?? (index?.get(path) ? checkFile(index, path) : []);
    const all = raw.length ? applyRuleSettings(repo, raw) : raw;
    // Errors always; warnings and infos where the scope says they need attention.
    const findings = scope ? scope.filter(repo, path, all) : all;
    let paths = published.get(repo);
    if (!paths) published.set(repo, (paths = new Set()));
    if (early) {
      if (findings.length) {
        batch.push([uri, findings.map((d) => toDiagnostic(d, ruleDoc))]);
        paths.add(path);
      } else if (paths.delete(path)) batch.push([uri, undefined]);
    } else if (findings.length) {
      batch.push([uri, findings.map((d) => toDiagnostic(d, ruleDoc))]);
      store.set(uri, { repo, path, findings, version: repo.indexedVersions.get(path) });
      paths.add(path);
    } else if (paths.delete(path)) {
      batch.push([uri, undefined]);
      store.set(uri, undefined);
    }
  };

  const flush = (batch: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]>) => {
    // One message to the window per batch; `undefined` clears a file.
    if (batch.length) collection.set(batch);
    batch.length = 0;
  };

  const clear = (repo: MinutesRepository) => {
    queue.delete(repo);
    const batch: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]> = [];
    for (const path of published.get(repo) ?? []) {
      batch.push([repo.uri(path), undefined]);
      store.set(repo.uri(path), undefined);
    }
    published.delete(repo);
    scope?.forget(repo);
    flush(batch);
  };

  const drain = () => drainPasses(queue, { check, flush, published, store, stillThere: (repo) => repositories.all().includes(repo), scope, onFullPass });

  const schedule = (repo: MinutesRepository, all: boolean, paths: Iterable<string>) => {
    const pass = queue.get(repo);
    if (all) queue.set(repo, { all: true, paths: new Set() });
    else if (pass) {
      if (!pass.all) for (const p of paths) pass.paths.add(p);
    } else queue.set(repo, { all: false, paths: new Set(paths) });
    if (!draining) {
      draining = drain().finally(() => {
        draining = undefined;
        if (queue.size) schedule(queue.keys().next().value as MinutesRepository, false, []);
        else {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const w of waiters) w();
        }
      });
    }
  };

  const disposable = vscode.Disposable.from(
    collection,
    { dispose: () => queue.clear() },
    repositories.onDidChange(({ repository, all, paths }) => schedule(repository, all, paths)),
    ...(scope ? [onScopeChange(scope, repositories, schedule)] : []),
    repositories.onDidChangeState((repo) => {
      if (repo.state !== 'ready' && repo.state !== 'indexing') clear(repo);
    }),
  );
  return {
    dispose: () => disposable.dispose(),
    whenIdle: () => (draining || queue.size ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
  };
}

type Batch = Array<[vscode.Uri, vscode.Diagnostic[] | undefined]>;

/** What a pass over the queue needs from the publisher. */
interface PassContext {
  check(repo: MinutesRepository, path: string, batch: Batch): void;
  flush(batch: Batch): void;
  published: Map<MinutesRepository, Set<string>>;
  store: FindingsStore;
  /** False once the repository went away. */
  stillThere(repo: MinutesRepository): boolean;
  scope?: ProblemScope;
  onFullPass?: (repo: MinutesRepository) => void;
}

/** Checks and publishes the queued passes in slices, until the queue is empty. */
async function drainPasses(queue: Map<MinutesRepository, Pass>, ctx: PassContext): Promise<void> {
  const { check, flush, published, scope, onFullPass } = ctx;
  const slicer = new Slicer();
  const batch: Batch = [];
  while (queue.size) {
    const [repo, pass] = queue.entries().next().value as [MinutesRepository, Pass];
    queue.delete(repo);
    if (!pass.all) {
      for (const path of pass.paths) {
        check(repo, path, batch);
        if (slicer.due) {
          flush(batch);
          await slicer.breathe();
        }
      }
      flush(batch);
      continue;
    }
    const files = [...(repo.index?.markdownFiles() ?? [])].map((f) => f.path);
    const seen = new Set(files);
    let overtaken = false;
    for (const path of files) {
      check(repo, path, batch);
      if (slicer.due) {
        flush(batch);
        await slicer.breathe();
        // A new build (or the repository went away) makes the rest of this pass moot.
        if (queue.get(repo)?.all || !ctx.stillThere(repo)) {
          overtaken = true;
          break;
        }
      }
    }
    if (overtaken) {
      flush(batch);
      continue;
    }
    // Files that were published before and are gone now.
    for (const path of [...(published.get(repo) ?? [])]) {
      if (seen.has(path)) continue;
      published.get(repo)!.delete(path);
      scope?.forget(repo, path);
      batch.push([repo.uri(path), undefined]);
      ctx.store.set(repo.uri(path), undefined);
    }
    flush(batch);
    onFullPass?.(repo);
    await slicer.breathe();
  }
}

/** A change of scope or of the rule settings: the files it names, or every file again. */
function onScopeChange(
  scope: ProblemScope,
  repositories: Repositories,
  schedule: (repo: MinutesRepository, all: boolean, paths: Iterable<string>) => void,
): vscode.Disposable {
  return scope.onDidChange(({ repository, paths }) => {
    for (const repo of repository ? [repository] : repositories.all()) {
      if (repo.state !== 'ready' || !repo.index) continue;
      if (paths) schedule(repo, false, paths);
      else schedule(repo, false, [...repo.index.markdownFiles()].map((f) => f.path));
    }
  });
}
