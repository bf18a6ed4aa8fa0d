// The platform of VS Code's Node extension host: parser threads, the gzip parse cache on the local
// disk, real paths for symbolic links, the image download over Node's http(s).
import * as vscode from 'vscode';
import { startStartupProfile } from '../../node/startupProfile';
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { makeParser, runGit } from '../../node/parsing';
import { LagMonitor } from '../../node/lagMonitor';
import { fetchImage } from '../../net/fetchImage';
import { readLinkedGitConfig } from '../../node/gitDir';
import { ParserThreads } from '../parserThreads';
import { WorkspaceParseCache, cacheFileFor } from '../parseCache';
import { githubIdentityOfUri, type HostPlatform, type ParseCacheStore } from './types';

export class NodePlatform implements HostPlatform {
  readonly kind = 'node' as const;
  readonly threads: ParserThreads;
  /** The parse cache lives in the workspace storage, when VS Code gives one on the local disk. */
  readonly cacheLocation: string | undefined;
  readonly lagMonitor: LagMonitor | undefined;
  readonly imageDownload = {
    available: true as const,
    download: async (url: string, allowedHosts: ReadonlySet<string>, signal?: AbortSignal) => (await fetchImage(url, { allowedHosts, signal })).bytes,
  };

  constructor(context: vscode.ExtensionContext) {
    this.threads = new ParserThreads(vscode.Uri.joinPath(context.extensionUri, 'dist', 'parseWorker.js').fsPath);
    this.cacheLocation = context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined;
    if (process.env.MINUTES_LAG_MONITOR === '1') {
      this.lagMonitor = new LagMonitor();
      this.lagMonitor.start();
    }
    const profile = process.env.MINUTES_CPU_PROFILE;
    if (profile) {
      const stopping = startStartupProfile(profile, Number(process.env.MINUTES_CPU_PROFILE_MS) || undefined);
      if (this.lagMonitor) this.lagMonitor.stopProfile = () => void stopping.then((stop) => stop());
    }
  }

  get parserThreads(): number {
    return this.threads.threads;
  }

  parser(cache: WorkspaceParseCache | undefined, onParsed: (path: string) => void) {
    return makeParser(() => this.threads.get(), cache, onParsed);
  }

  parseLarge(text: string) {
    return this.threads.parse(text);
  }

  parseCache(folder: vscode.Uri): ParseCacheStore | undefined {
    return this.cacheLocation ? new WorkspaceParseCache(cacheFileFor(this.cacheLocation, folder.toString())) : undefined;
  }

  readonly symlinkInside = async (folder: vscode.Uri, link: vscode.Uri): Promise<boolean> => {
    const real = await fs.realpath(link.fsPath);
    const rel = nodePath.relative(await fs.realpath(folder.fsPath), real);
    return !(rel.startsWith('..') || nodePath.isAbsolute(rel));
  };

  // On a parser thread: the listing does not wait for a turn of the extension host per folder (a
  // starting editor keeps it busy), and sizes come with it (no stat per file on the host).
  readonly listFolder = (root: string, options: { under?: string; ignoreFolders: ReadonlySet<string> }) => this.threads.list(root, options);

  readonly linkedGitConfig = (folder: vscode.Uri, maxBytes: number): Promise<Uint8Array | undefined> => readLinkedGitConfig(folder.fsPath, maxBytes);

  readonly git = (cwd: string, args: readonly string[]): Promise<string | undefined> => {
    // A repository's git configuration can name programs git runs (core.fsmonitor): never in Restricted Mode, and never that one.
    if (!vscode.workspace.isTrusted) return Promise.resolve(undefined);
    // Started from a parser thread: starting a process copies the memory map of the thread's process
    // while that thread waits, and the extension host should not be the one waiting.
    const onThread = this.threads.git(cwd, args);
    return onThread ? onThread.catch(() => undefined) : runGit({ cwd, args: [...args] });
  };

  identityOf(folder: vscode.Uri) {
    return githubIdentityOfUri(folder);
  }

  dispose(): void {
    this.threads.dispose();
    this.lagMonitor?.stop();
  }
}

export function createPlatform(context: vscode.ExtensionContext): HostPlatform {
  return new NodePlatform(context);
}
