// The platform of VS Code's web worker extension host (github.dev, vscode.dev): no Node. Files parse
// on the extension host one at a time between turns of its event loop (index builds yield every few
// milliseconds); the parse cache goes to the extension's storage through workspace.fs; what needs
// Node says so when asked for.
import * as vscode from 'vscode';
import { parseMinutes } from '../../core/parse';
import { contentKey, type ModelCache } from '../../core/modelCache';
import type { MinutesDocument } from '../../core/model';
import { Slicer } from '../slices';
import { WebParseCache, webCacheFileFor } from '../webParseCache';
import { githubIdentityOfUri, type HostPlatform, type ParseCacheStore } from './types';

export const WEB_IMAGE_DOWNLOAD_REASON =
  'downloading images is not available on the web (github.dev, vscode.dev): the download runs on Node in the desktop VS Code, and a browser may not read images from the pad server, another site. Relink the image to a committed copy, or download it in the desktop VS Code.';

export class WebPlatform implements HostPlatform {
  readonly kind = 'web' as const;
  readonly parserThreads = 0;
  private readonly storage: vscode.Uri | undefined;
  readonly imageDownload = { available: false as const, reason: WEB_IMAGE_DOWNLOAD_REASON };
  private readonly slicer = new Slicer();

  constructor(context: vscode.ExtensionContext) {
    // The workspace storage (per repository) or else the global storage: both through workspace.fs.
    this.storage = context.storageUri ?? context.globalStorageUri;
  }

  get cacheLocation(): string | undefined {
    return this.storage?.toString();
  }

  parser(cache: ModelCache | undefined, onParsed: (path: string) => void): (path: string, text: string) => Promise<MinutesDocument> {
    return async (path, text) => {
      const key = cache ? contentKey(text) : '';
      const cached = cache?.lookup(key);
      if (cached) return cached;
      onParsed(path);
      // One file per slice at most: the editor gets a turn before the next when this one used its time.
      await this.slicer.breathe();
      const doc = parseMinutes(text);
      cache?.store(key, doc);
      return doc;
    };
  }

  async parseLarge(text: string): Promise<MinutesDocument> {
    await this.slicer.breathe();
    return parseMinutes(text);
  }

  parseCache(folder: vscode.Uri): ParseCacheStore | undefined {
    return this.storage ? new WebParseCache(webCacheFileFor(this.storage, folder.toString())) : undefined;
  }

  identityOf(folder: vscode.Uri) {
    return githubIdentityOfUri(folder);
  }

  dispose(): void {}
}

export function createPlatform(context: vscode.ExtensionContext): HostPlatform {
  return new WebPlatform(context);
}
