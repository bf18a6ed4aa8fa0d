// Problems panel: every finding of every indexed file, updated for just the files a change affects.
// The findings are kept with their fixes, for the code actions.
import * as vscode from 'vscode';
import { checkFile } from '../core/check';
import type { MinutesDiagnostic } from '../core/diagnostics';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import { toDiagnostic } from './convert';

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
    const upToDate = found.version === undefined ? !document.isDirty : found.version === document.version;
    return upToDate ? found : undefined;
  }

  set(uri: vscode.Uri, value: PublishedFindings | undefined): void {
    if (value) this.byUri.set(uri.toString(), value);
    else this.byUri.delete(uri.toString());
  }
}

export function registerDiagnostics(repositories: Repositories, ruleDoc: (rule: string) => vscode.Uri, store: FindingsStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('minutes');
  const published = new Map<MinutesRepository, Set<string>>();

  const publish = (repo: MinutesRepository, path: string) => {
    const index = repo.index;
    const uri = repo.uri(path);
    const findings = index?.get(path) ? checkFile(index, path) : [];
    let paths = published.get(repo);
    if (!paths) published.set(repo, (paths = new Set()));
    if (findings.length) {
      collection.set(uri, findings.map((d) => toDiagnostic(d, ruleDoc)));
      store.set(uri, { repo, path, findings, version: repo.indexedVersions.get(path) });
      paths.add(path);
    } else if (paths.delete(path)) {
      collection.delete(uri);
      store.set(uri, undefined);
    }
  };

  const clear = (repo: MinutesRepository) => {
    for (const path of published.get(repo) ?? []) {
      collection.delete(repo.uri(path));
      store.set(repo.uri(path), undefined);
    }
    published.delete(repo);
  };

  return vscode.Disposable.from(
    collection,
    repositories.onDidChange(({ repository, all, paths }) => {
      if (all) {
        clear(repository);
        for (const file of repository.index?.markdownFiles() ?? []) publish(repository, file.path);
      } else {
        for (const path of paths) publish(repository, path);
      }
    }),
    repositories.onDidChangeState((repo) => {
      if (repo.state !== 'ready' && repo.state !== 'indexing') clear(repo);
    }),
  );
}
