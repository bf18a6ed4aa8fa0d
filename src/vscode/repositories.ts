// The minutes repositories of the open workspace folders, created on demand and kept in step
// with folders being added and removed.
import * as vscode from 'vscode';
import { MinutesRepository, RepositoryEvents, type RepositoryServices } from './repository';

/** A file of a repository: its URI, and its path relative to the repository. */
export interface RepositoryFile {
  repo: MinutesRepository;
  path: string;
  uri: vscode.Uri;
}

/** The active editor's path in a given repository (undefined: no editor, or a file outside it). */
export function activePathIn(repo: MinutesRepository): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && repo.workspace.pathOf(uri);
}

export class Repositories implements vscode.Disposable {
  private readonly byFolder = new Map<string, MinutesRepository>();
  private readonly events = new RepositoryEvents();
  readonly onDidChange = this.events.change.event;
  readonly onDidChangeState = this.events.state.event;
  readonly onDidMoveOutside = this.events.move.event;
  private readonly disposables: vscode.Disposable[] = [this.events];

  constructor(private readonly log: vscode.OutputChannel, private readonly services: RepositoryServices = {}) {
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const folder of e.removed) this.remove(folder);
        for (const folder of e.added) void this.add(folder);
      }),
    );
  }

  /** Starts indexing every workspace folder in the background. */
  start(): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) void this.add(folder);
  }

  all(): MinutesRepository[] {
    return [...this.byFolder.values()];
  }

  /** The repository of the active editor, or else the first one that has minutes. */
  active(): MinutesRepository | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const own = uri && this.forUri(uri);
    if (own?.index) return own;
    return this.all().find((r) => r.index);
  }

  /** The active editor's file: its repository and path there (undefined: no editor, or outside every repository). */
  activeFile(): RepositoryFile | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri ? this.fileOf(uri) : undefined;
  }

  /** A URI's repository and path there. */
  fileOf(uri: vscode.Uri): RepositoryFile | undefined {
    const repo = this.forUri(uri);
    const path = repo?.workspace.pathOf(uri);
    return repo && path ? { repo, path, uri } : undefined;
  }

  /** The repository a URI belongs to. */
  forUri(uri: vscode.Uri): MinutesRepository | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.byFolder.get(folder.uri.toString()) : undefined;
  }

  async reindex(): Promise<void> {
    await Promise.all(this.all().map((r) => this.index(r)));
  }

  private async add(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    if (this.byFolder.has(key)) return;
    const repo = new MinutesRepository(folder, this.log, this.services);
    this.byFolder.set(key, repo);
    repo.onDidChange((e) => this.events.change.fire(e));
    repo.onDidChangeState((r) => this.events.state.fire(r));
    repo.onDidMoveOutside((m) => this.events.move.fire(m));
    await this.index(repo);
  }

  private index(repo: MinutesRepository): Promise<void> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Indexing minutes in ${repo.folder.name}` }, (progress) => repo.build(progress)),
    );
  }

  private remove(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const repo = this.byFolder.get(key);
    if (!repo) return;
    this.byFolder.delete(key);
    repo.dispose();
    this.events.state.fire(repo);
  }

  dispose(): void {
    for (const repo of this.byFolder.values()) repo.dispose();
    this.byFolder.clear();
    for (const d of this.disposables) d.dispose();
  }
}
