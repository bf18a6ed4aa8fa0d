// Links to the same repository on GitHub behave like local links: Ctrl+click and Go to Definition
// open the local file (at the heading), hovers preview the linked minutes (relative links too),
// Find All References and a CodeLens show who links here, and Ctrl+T finds meetings.
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import type { MinutesRepository } from './repository';
import { outgoingLinks, incomingLinks, describeIncoming, previewOf, previewMarkdown, headingFor } from '../core/refs';
import { workspaceSymbols } from '../core/symbols';
import { toRange } from './convert';
import { COMMAND } from './commandIds';
import { isCurrentText } from './documentVersion';

const SELECTOR: vscode.DocumentSelector = { language: 'markdown' };

function locate(repositories: Repositories, document: vscode.TextDocument): { repo: MinutesRepository; path: string } | undefined {
  const found = repositories.fileOf(document.uri);
  return found?.repo.index?.get(found.path) ? { repo: found.repo, path: found.path } : undefined;
}

/** The resolved internal link under a position (one whose target exists, unless `missing` too), if the index has the document's current text. */
function linkAt(repositories: Repositories, document: vscode.TextDocument, position: vscode.Position, missing = false) {
  const found = locate(repositories, document);
  if (!found) return undefined;
  if (!isCurrentText(found.repo.indexedVersions.get(found.path), document)) return undefined;
  for (const out of outgoingLinks(found.repo.index!, found.path)) {
    if (out.target.kind !== 'internal' || (!out.exists && !missing)) continue;
    if (toRange(out.link.range).contains(position)) return { ...found, out, target: out.target };
  }
  return undefined;
}

/** Escapes text for a Markdown hover. */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

function targetUri(repo: MinutesRepository, path: string, line?: number): vscode.Uri {
  const uri = repo.uri(path);
  return line === undefined ? uri : uri.with({ fragment: `L${line + 1}` });
}

/** Text as a Markdown code span, whatever backticks it holds. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** The URL of a link as a URI VS Code can open, if it is a well-formed https URL. */
function githubUri(url: string): vscode.Uri | undefined {
  if (!/^https:\/\//i.test(url)) return undefined;
  try {
    return vscode.Uri.parse(url, true);
  } catch {
    return undefined;
  }
}

class GithubLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly repositories: Repositories) {}
  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const found = locate(this.repositories, document);
    if (!found) return [];
    const out: vscode.DocumentLink[] = [];
    // Relative links are VS Code's own; only same-repository GitHub URLs need a local target.
    for (const o of outgoingLinks(found.repo.index!, found.path)) {
      if (o.target.kind !== 'internal' || o.target.via !== 'github') continue;
      if (!o.exists) {
        // No local copy to open: Ctrl+click opens the URL on GitHub, and the tooltip says so.
        const remote = githubUri(o.link.url);
        if (!remote) continue;
        const link = new vscode.DocumentLink(toRange(o.link.range), remote);
        link.tooltip = `Open on GitHub (${o.target.path} is not in this folder)`;
        out.push(link);
        continue;
      }
      const line = o.heading?.range.start.line ?? (o.target.line ? o.target.line.start - 1 : undefined);
      const link = new vscode.DocumentLink(toRange(o.link.range), targetUri(found.repo, o.target.path, line));
      link.tooltip = `Open ${o.target.path} (local copy)`;
      out.push(link);
    }
    return out;
  }
}

class GithubDefinitions implements vscode.DefinitionProvider {
  constructor(private readonly repositories: Repositories) {}
  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const at = linkAt(this.repositories, document, position);
    // VS Code's Markdown support answers for relative links itself.
    if (!at || at.target.via !== 'github') return undefined;
    const line = at.out.heading?.range.start.line ?? (at.target.line ? at.target.line.start - 1 : 0);
    return new vscode.Location(at.repo.uri(at.target.path), new vscode.Position(line, 0));
  }
}

class MinutesHover implements vscode.HoverProvider {
  constructor(private readonly repositories: Repositories) {}
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const at = linkAt(this.repositories, document, position, true);
    if (!at) return undefined;
    if (!at.out.exists) {
      // A link into this repository whose file is not here: say where Ctrl+click goes instead.
      if (at.target.via !== 'github') return undefined;
      const md = new vscode.MarkdownString(`${codeSpan(at.target.path)} is not in this folder: following the link (Ctrl+click) opens it on GitHub, not a local file.`);
      return new vscode.Hover(md, toRange(at.out.link.range));
    }
    const index = at.repo.index!;
    const target = index.get(at.target.path);
    if (!target?.name.date) return undefined;
    const preview = previewOf(index, at.target.path);
    if (!preview) return undefined;
    const md = new vscode.MarkdownString(previewMarkdown(preview));
    const heading = headingFor(target, at.target.fragment);
    if (heading) md.appendMarkdown(`\n\nLinks the section **${plain(heading.text)}**`);
    return new vscode.Hover(md, toRange(at.out.link.range));
  }
}

class Backlinks implements vscode.ReferenceProvider {
  constructor(private readonly repositories: Repositories) {}
  provideReferences(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] | undefined {
    const found = locate(this.repositories, document);
    if (!found) return undefined;
    const file = found.repo.index!.get(found.path)!;
    const heading = file.doc.headings.find((h) => h.range.start.line === position.line);
    if (!heading) return undefined;
    // On the title: every link to the file; on another heading: links to that heading.
    const slug = heading === file.doc.title?.heading ? undefined : heading.slug;
    return incomingLinks(found.repo.index!, found.path, slug).map((i) => new vscode.Location(found.repo.uri(i.from), toRange(i.link.range)));
  }
}

class LinkedFromLens implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  constructor(private readonly repositories: Repositories) {
    repositories.onDidChange(() => this.emitter.fire());
  }
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const found = locate(this.repositories, document);
    const file = found?.repo.index?.get(found.path);
    const title = file?.doc.title?.heading;
    if (!found || !file || !title || !file.name.date) return [];
    const incoming = incomingLinks(found.repo.index!, found.path);
    const range = toRange(title.range);
    if (incoming.length === 0) {
      // Team minutes nobody links are worth a word; a weekly is read, not linked.
      return found.repo.index!.isWeeklyFolder(file.name.team) ? [] : [new vscode.CodeLens(range, { title: 'Not linked from any weekly yet', command: '' })];
    }
    const first = incoming[0];
    const more = incoming.length > 1 ? ` (+${incoming.length - 1} more)` : '';
    return [
      new vscode.CodeLens(range, {
        title: `Linked from ${describeIncoming(found.repo.index!, first)}${more}`,
        tooltip: incoming.map((i) => describeIncoming(found.repo.index!, i)).join('\n'),
        command: COMMAND.showWhereLinked,
        arguments: [document.uri],
      }),
    ];
  }
}

class MeetingSymbols implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly repositories: Repositories) {}
  provideWorkspaceSymbols(query: string): vscode.SymbolInformation[] {
    const out: vscode.SymbolInformation[] = [];
    for (const repo of this.repositories.all()) {
      if (!repo.index) continue;
      for (const s of workspaceSymbols(repo.index, query)) {
        const kind = s.kind === 'heading' ? vscode.SymbolKind.String : s.kind === 'weekly' ? vscode.SymbolKind.Event : vscode.SymbolKind.File;
        out.push(new vscode.SymbolInformation(s.name, kind, s.detail, new vscode.Location(repo.uri(s.path), toRange(s.range))));
      }
    }
    return out;
  }
}

export function registerCrossReferences(repositories: Repositories): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerDocumentLinkProvider(SELECTOR, new GithubLinks(repositories)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new GithubDefinitions(repositories)),
    vscode.languages.registerHoverProvider(SELECTOR, new MinutesHover(repositories)),
    vscode.languages.registerReferenceProvider(SELECTOR, new Backlinks(repositories)),
    vscode.languages.registerCodeLensProvider(SELECTOR, new LinkedFromLens(repositories)),
    vscode.languages.registerWorkspaceSymbolProvider(new MeetingSymbols(repositories)),
  );
}
