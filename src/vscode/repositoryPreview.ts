// The open file first: while a repository's first index is built, the files of the visible editors
// are checked against the listing and their own parse, so their problems show before any other file
// is read. What needs other files' content waits for the index.
import * as vscode from 'vscode';
import type { Listed } from '../core/build';
import type { MinutesDiagnostic } from '../core/diagnostics';
import type { MinutesConfig } from '../core/config';
import type { MinutesDocument } from '../core/model';
import { PreviewIndex } from '../core/preview';
import { isMarkdownPath } from '../core/paths';
import type { VscodeWorkspace } from './vscodeWorkspace';
import { LARGE_FILE_CHARS } from './repositoryUpdates';

export class OpenFilesPreview {
  /** Findings of the visible editors' files from the listing, while the first index is built. */
  private readonly findings = new Map<string, MinutesDiagnostic[]>();
  /** The configuration read with the first listing, until the index that holds it exists. */
  private listedConfig: MinutesConfig | undefined;

  constructor(private readonly workspace: VscodeWorkspace, private readonly log: (line: string) => void) {}

  /** The configuration the listing read, if a file was checked with it. */
  get config(): MinutesConfig | undefined {
    return this.listedConfig;
  }

  /**
   * Checks the files of the visible editors (the active one first); the paths it checked. Each file
   * is parsed by `parse` (a parser thread, or the parse cache), so the extension host only checks.
   * The texts are taken when it starts: an edit made meanwhile is the index's to answer.
   */
  async check(listing: Listed, parse: (path: string, text: string) => Promise<MinutesDocument>, cancelled: () => boolean): Promise<Set<string>> {
    const active = vscode.window.activeTextEditor?.document;
    const docs = [...new Set([active, ...vscode.window.visibleTextEditors.map((e) => e.document)])];
    const texts = new Map<string, { text: string; document: vscode.TextDocument; version: number }>();
    for (const doc of docs) {
      const path = doc && !doc.isClosed ? this.workspace.pathOf(doc.uri) : undefined;
      if (!doc || !path || !isMarkdownPath(path) || listing.ignored(path) || texts.has(path)) continue;
      const text = doc.getText();
      // A large file waits for the index (it would hold a parser thread that the index needs).
      if (text.length < LARGE_FILE_CHARS) texts.set(path, { text, document: doc, version: doc.version });
    }
    const paths = new Set<string>();
    if (!texts.size) return paths;
    // All asked at once: the active file first in the parser's queue.
    const parsed = [...texts].map(([path, { text, document, version }]) => {
      const doc = parse(path, text);
      // Not left unhandled when the loop below stops early.
      doc.catch(() => undefined);
      return { path, doc, document, version };
    });
    let preview: PreviewIndex | undefined;
    for (const { path, doc, document, version } of parsed) {
      try {
        const model = await doc;
        if (cancelled()) break;
        // Edited meanwhile: these findings' ranges are the old text's; the index answers for the new.
        if (document.version !== version) continue;
        this.listedConfig = listing.config;
        preview ??= new PreviewIndex({ files: listing.files, config: listing.config, remotes: listing.remotes });
        this.findings.set(path, preview.check(path, model));
        paths.add(path);
      } catch (error) {
        this.log(`${path}: not checked before the index: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return paths;
  }

  /** A checked file's findings. */
  get(path: string): MinutesDiagnostic[] | undefined {
    return this.findings.get(path);
  }

  /** The index exists: it answers from now on. */
  clear(): void {
    this.findings.clear();
    this.listedConfig = undefined;
  }
}
