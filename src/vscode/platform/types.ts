// The platform seam: what the extension does differently in VS Code's Node extension host (desktop,
// remote, code-server) and in its web worker extension host (github.dev, vscode.dev). The entry
// point picks the implementation: ./node for `main`, ./web for `browser` (scripts/build.mjs maps
// the import), so the web bundle never contains Node code.
import type * as vscode from 'vscode';
import type { MinutesDocument } from '../../core/model';
import type { ModelCache } from '../../core/modelCache';
import type { RepoIdentity } from '../../core/links';
import type { LagMonitor } from '../../node/lagMonitor';
import type { Listing } from '../../core/workspace';

/** A parse cache of one workspace folder, read before a build and written after it. */
export interface ParseCacheStore extends ModelCache {
  hits: number;
  loaded: number;
  loadMs: number;
  load(): Promise<void>;
  save(): Promise<void>;
  /** Forgets everything (after saving), so the models are not held twice. */
  release(): void;
}

/** Whether the symbolic link `link` (a `file:` URI) points inside `folder`; rejects when broken. */
export type SymlinkCheck = (folder: vscode.Uri, link: vscode.Uri) => Promise<boolean>;

/**
 * Lists a folder on disk (its path) off the extension host, as the CLI lists it; undefined when it
 * cannot (no thread to list on), so the caller lists through VS Code.
 */
export type FolderLister = (root: string, options: { under?: string; ignoreFolders: ReadonlySet<string> }) => Promise<Listing> | undefined;

/** The git configuration of a worktree or submodule whose `.git` is a file (a `file:` folder), if any. */
export type LinkedGitConfigReader = (folder: vscode.Uri, maxBytes: number) => Promise<Uint8Array | undefined>;

/**
 * Runs git with fixed arguments in a folder on disk (no shell, a time-out, bounded output), only in a
 * trusted workspace; the standard output, or undefined when git is absent, fails or may not run.
 */
export type GitRunner = (cwd: string, args: readonly string[]) => Promise<string | undefined>;

export type Unavailable = { available: false; reason: string };

export interface HostPlatform extends vscode.Disposable {
  readonly kind: 'node' | 'web';
  /** Where parse caches are kept (for the API and tests), if anywhere. */
  readonly cacheLocation: string | undefined;
  /** Parser threads running now (for the metrics); 0 where files parse on the extension host. */
  readonly parserThreads: number;
  /** The event-loop monitor, when asked for and the platform has one. */
  readonly lagMonitor?: LagMonitor;
  /**
   * The parse function of an index build: the cache first, then a parser thread (Node) or the
   * extension host itself, one file per slice (web).
   */
  parser(cache: ModelCache | undefined, onParsed: (path: string) => void): (path: string, text: string) => Promise<MinutesDocument>;
  /** Parses one changed file that is large, off the extension host where the platform can. */
  parseLarge(text: string): Promise<MinutesDocument>;
  /** The parse cache of a workspace folder, or undefined when there is no storage for it. */
  parseCache(folder: vscode.Uri): ParseCacheStore | undefined;
  /**
   * Whether a symbolic link in a `file:` folder points inside it (rejects when it is broken), so
   * links out of the repository are not followed; absent where the platform cannot tell.
   */
  readonly symlinkInside?: SymlinkCheck;
  /** Lists a `file:` folder on a thread of its own; absent where files are not local. */
  readonly listFolder?: FolderLister;
  /** Follows a `.git` file one step for its remotes (see SECURITY.md); absent where files are not local. */
  readonly linkedGitConfig?: LinkedGitConfigReader;
  /** git for the Problems scope's "changed" files; absent on the web. */
  readonly git?: GitRunner;
  /** Downloads an image (the one network request the extension makes), or says why it cannot here. */
  readonly imageDownload: { available: true; download(url: string, allowedHosts: ReadonlySet<string>, signal?: AbortSignal): Promise<Uint8Array> } | Unavailable;
  /** The repository on GitHub that a workspace folder's URI names (github.dev: vscode-vfs://github/ORG/REPO). */
  identityOf(folder: vscode.Uri): RepoIdentity | undefined;
}

/**
 * github.dev and vscode.dev open a repository as `vscode-vfs://github/OWNER/REPO` (sometimes with
 * a `+ref` suffix in the authority); GitHub Repositories' older scheme is `github://…` too.
 */
export function githubIdentityOfUri(folder: { scheme: string; authority: string; path: string }): RepoIdentity | undefined {
  const host = folder.authority.split('+')[0].toLowerCase();
  const onGithub = (folder.scheme === 'vscode-vfs' && host === 'github') || folder.scheme === 'github';
  if (!onGithub) return undefined;
  const [owner, repo] = folder.path.split('/').filter(Boolean);
  if (!owner || !repo || !/^[\w.-]+$/.test(owner) || !/^[\w.-]+$/.test(repo)) return undefined;
  return { owner, repo: repo.replace(/\.git$/, '') };
}
