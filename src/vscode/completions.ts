// Completions while writing minutes: link targets (team minutes nearest in date, in the file's
// link form), headings after `#`, @handles (this team's regulars first), and whole sections:
// a weekly's team sections with the `Minutes:` link filled in, and the folder's usual sections.
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import { linkTargetCompletions, headingCompletions, handleCompletions } from '../core/completions';
import { resolveLink } from '../core/links';
import { conventionsOf, presentSections, canonicalSection } from '../core/conventions';
import { minutesForWeekly, teamSection, weeklyMinutesLine } from '../core/weeklyLinks';
import { teamDisplayNames, guessTeamName } from '../core/teams';
import { teamSlug } from '../core/paths';

export class MinutesCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly repositories: Repositories) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const { repo, path } = this.repositories.fileOf(document.uri) ?? {};
    const index = repo?.index;
    if (!repo || !index || !path) return undefined;
    const before = document.lineAt(position.line).text.slice(0, position.character);

    // `@han|`
    const handle = /(?:^|[\s(,[])@([\w-]*)$/.exec(before);
    if (handle) {
      const range = new vscode.Range(position.translate(0, -handle[1].length), position);
      return handleCompletions(index, path).map((h, i) => {
        const item = new vscode.CompletionItem(`@${h.handle}`, vscode.CompletionItemKind.User);
        item.insertText = h.handle;
        item.range = range;
        item.filterText = h.handle;
        item.detail = h.inTeam ? `${h.inTeam}× in this team, ${h.total}× in all` : `${h.total}× in all minutes`;
        item.sortText = String(i).padStart(5, '0');
        return item;
      });
    }

    // Inside a link target: `](…|` or `<https://github.com/…|`
    const target = /(?:\]\(|<)([^()<>\s]*)$/.exec(before);
    if (target) {
      const typed = target[1];
      const hash = typed.indexOf('#');
      if (hash >= 0) {
        const resolved = resolveLink(typed.slice(0, hash) || '', path, index.identity ? [index.identity] : []);
        const file = resolved.kind === 'internal' ? resolved.path : path;
        const range = new vscode.Range(position.translate(0, -(typed.length - hash - 1)), position);
        return headingCompletions(index, file).map((h, i) => {
          const item = new vscode.CompletionItem(h.slug, vscode.CompletionItemKind.Reference);
          item.detail = `${'#'.repeat(h.level)} ${h.text}`;
          item.range = range;
          item.sortText = String(i).padStart(5, '0');
          return item;
        });
      }
      const range = new vscode.Range(position.translate(0, -typed.length), position);
      return linkTargetCompletions(index, path, typed).map((c, i) => {
        const item = new vscode.CompletionItem({ label: c.label, description: c.detail }, vscode.CompletionItemKind.File);
        item.insertText = c.insert;
        item.filterText = c.insert;
        item.range = range;
        item.sortText = String(i).padStart(5, '0');
        return item;
      });
    }

    // At the start of a line: whole sections.
    if (/^\s*#{0,6}\s*[\w -]*$/.test(before)) return this.sections(document, position, before);
    return undefined;
  }

  private sections(document: vscode.TextDocument, position: vscode.Position, before: string): vscode.CompletionItem[] {
    const { repo, path } = this.repositories.fileOf(document.uri)!;
    const index = repo.index!;
    const file = index.get(path);
    if (!file?.name.team || !file.name.date) return [];
    const range = new vscode.Range(position.translate(0, -before.length), position);
    const out: vscode.CompletionItem[] = [];
    if (index.isWeeklyFolder(file.name.team)) {
      // A team section per team with minutes this week that the weekly lacks, its link filled in
      // (in the weekly's link form), also offered as `min-team`: the teams are the repository's.
      const names = teamDisplayNames(index);
      const doc = file.doc;
      for (const team of index.teams()) {
        if (team === file.name.team || index.isWeeklyFolder(team)) continue;
        const { chosen } = minutesForWeekly(index, team, file.name.date);
        const display = names.get(team) ?? guessTeamName(teamSlug(team));
        if (!chosen || teamSection(doc.headings, team, display)) continue;
        const heading = /^(?:team|sig|wg)\b/i.test(display) ? display : `Team ${display}`;
        const minutesLine = weeklyMinutesLine(index, path, doc, chosen.file).replace(/[$}\\]/g, '\\$&');
        const item = new vscode.CompletionItem({ label: `### ${heading}`, description: `min-team · links ${chosen.file}` }, vscode.CompletionItemKind.Snippet);
        item.detail = `team section linking ${chosen.file}`;
        item.documentation = new vscode.MarkdownString(`The section of ${display}, whose minutes of this week are \`${chosen.file}\`.`);
        item.insertText = new vscode.SnippetString(`### ${heading.replace(/[$}\\]/g, '\\$&')}\n\n${minutesLine}\n\n- $0`);
        item.range = range;
        item.filterText = /^\s*m/.test(before) ? `min-team ${heading} ${team}` : `### ${heading} ${team}`;
        out.push(item);
      }
      return out;
    }
    const conventions = conventionsOf(index, file.name.team, file.name.date, path, { aliases: index.config.sections?.aliases });
    const present = presentSections(file.doc, index.config.sections?.aliases);
    for (const s of conventions.sections) {
      if (present.has(canonicalSection(s.name, index.config.sections?.aliases))) continue;
      const item = new vscode.CompletionItem(s.heading, vscode.CompletionItemKind.Snippet);
      item.detail = `usual ${file.name.team} section (${Math.round(s.share * 100)} % of recent minutes)`;
      item.insertText = new vscode.SnippetString(`${s.heading.replace(/\$/g, '\\$')}\n\n$0`);
      item.range = range;
      out.push(item);
    }
    return out;
  }
}

export function registerCompletions(repositories: Repositories): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new MinutesCompletions(repositories), '@', '(', '/', '#', '<');
}
