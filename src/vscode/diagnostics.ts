// Problems panel: every finding of every indexed file, updated for just the files a change affects.
import * as vscode from 'vscode';
import { checkFile } from '../core/check';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import { toDiagnostic } from './convert';

export function registerDiagnostics(repositories: Repositories, ruleDoc: (rule: string) => vscode.Uri): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('minutes');
  const published = new Map<MinutesRepository, Set<string>>();

  const publish = (repo: MinutesRepository, path: string) => {
    const index = repo.index;
    const uri = repo.uri(path);
    const diagnostics = index?.get(path) ? checkFile(index, path) : [];
    let paths = published.get(repo);
    if (!paths) published.set(repo, (paths = new Set()));
    if (diagnostics.length) {
      collection.set(uri, diagnostics.map((d) => toDiagnostic(d, ruleDoc)));
      paths.add(path);
    } else if (paths.delete(path)) {
      collection.delete(uri);
    }
  };

  const clear = (repo: MinutesRepository) => {
    for (const path of published.get(repo) ?? []) collection.delete(repo.uri(path));
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
