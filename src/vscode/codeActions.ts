// Quick fixes from the light bulb, "Fix all" (`source.fixAll.minutes`), and the refactorings that
// switch a link between its relative and its GitHub URL form. Every change is one WorkspaceEdit.
import * as vscode from 'vscode';
import type { MinutesDiagnostic, MinutesFix } from '../core/diagnostics';
import { safeEdits } from '../core/fix';
import { githubUrl, relativeLink } from '../core/github';
import { encodePath, fragmentOf } from '../core/linkEdit';
import type { FindingsStore, PublishedFindings } from './diagnostics';
import type { Repositories } from './repositories';
import { DIAGNOSTIC_SOURCE, toRange } from './convert';
import { COMMAND } from './commandIds';

export const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('minutes');
const REWRITE = vscode.CodeActionKind.RefactorRewrite.append('minutes');

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

function sameRange(a: vscode.Range, b: MinutesDiagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A WorkspaceEdit for a fix; undefined for a download, which needs the network and a command. */
function editFor(found: PublishedFindings, fix: MinutesFix): vscode.WorkspaceEdit | undefined {
  const uri = found.repo.uri(found.path);
  const edit = new vscode.WorkspaceEdit();
  if (fix.renameTo) {
    edit.renameFile(uri, found.repo.uri(fix.renameTo), { overwrite: false });
    return edit;
  }
  if (!fix.edits?.length) return undefined;
  for (const e of fix.edits) edit.replace(uri, toRange(e.range), e.newText);
  return edit;
}

/**
 * For a weekly's missing team link: the line of the team's section that says `Minutes:` without a
 * link ("Minutes: None yet", "Minutes: tbd"), which the link should replace.
 */
function minutesPlaceholderLine(document: vscode.TextDocument, finding: MinutesDiagnostic): number | undefined {
  if (finding.rule !== 'weekly-team-link' || finding.data?.reason !== 'missing-link') return undefined;
  for (let l = finding.range.start.line + 1; l < document.lineCount; l++) {
    const text = document.lineAt(l).text;
    if (/^\s{0,3}#{1,6}\s/.test(text)) return undefined;
    if (/^\s*(?:[-*+]\s+)?(?:\*\*|__)?Minutes(?:\*\*|__)?\s*:/i.test(text) && !/\]\(|<https?:|https?:\/\//.test(text)) return l;
  }
  return undefined;
}

export class MinutesCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL, REWRITE];

  constructor(private readonly store: FindingsStore, private readonly repositories: Repositories) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const found = this.store.current(document);
    const actions: vscode.CodeAction[] = [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
    if (found && wants(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const finding = found.findings.find((f) => f.rule === codeOf(diagnostic) && sameRange(diagnostic.range, f.range) && f.message === diagnostic.message);
        const placeholderLine = finding ? minutesPlaceholderLine(document, finding) : undefined;
        for (const fix of finding?.fixes ?? []) {
          // "Minutes: None yet" in the team's section: the link replaces it, never a second line.
          const url = placeholderLine !== undefined ? /<([^>]+)>/.exec(fix.edits?.[0]?.newText ?? '')?.[1] : undefined;
          if (url && placeholderLine !== undefined) {
            const line = document.lineAt(placeholderLine);
            const action = new vscode.CodeAction(`${fix.title}, replacing “${line.text.trim()}”`, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.isPreferred = true;
            action.edit = new vscode.WorkspaceEdit();
            const indent = /^\s*(?:[-*+]\s+)?/.exec(line.text)![0];
            action.edit.replace(document.uri, line.range, `${indent}Minutes: <${url}>`);
            actions.push(action);
            continue;
          }
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred;
          if (fix.download) {
            action.command = { command: COMMAND.downloadImage, title: fix.title, arguments: [document.uri, fix.download] };
            if (!vscode.workspace.isTrusted) action.disabled = { reason: 'Downloading needs a trusted workspace' };
          } else {
            action.edit = editFor(found, fix);
          }
          actions.push(action);
        }
        const rule = codeOf(diagnostic);
        if (finding && rule) actions.push(...this.ruleActions(found, rule, diagnostic));
      }
    }
    if (found && wants(FIX_ALL)) {
      const edits = safeEdits(found.findings);
      if (edits.length) {
        const action = new vscode.CodeAction(`Fix all minutes problems that need no choice (${edits.length})`, FIX_ALL);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
        actions.push(action);
      }
    }
    if (wants(REWRITE)) actions.push(...this.linkForms(document, range));
    return actions;
  }

  /** "Turn off <rule> for this repository" and "Ignore <rule> here": edits of `.minutes.jsonc`. */
  private ruleActions(found: PublishedFindings, rule: string, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const folder = found.repo.folder.uri.toString();
    const off = new vscode.CodeAction(`Turn off ${rule} for this repository (.minutes.jsonc)`, vscode.CodeActionKind.QuickFix);
    off.diagnostics = [diagnostic];
    off.command = { command: COMMAND.configureRule, title: off.title, arguments: [{ folder, rule }] };
    const here = new vscode.CodeAction(`Ignore ${rule} here (in ${found.path}, .minutes.jsonc)`, vscode.CodeActionKind.QuickFix);
    here.diagnostics = [diagnostic];
    here.command = { command: COMMAND.configureRule, title: here.title, arguments: [{ folder, rule, path: found.path }] };
    return [here, off];
  }

  /** "Use GitHub URL" / "Use relative link" for an internal link under the cursor. */
  private linkForms(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const { repo, path } = this.repositories.fileOf(document.uri) ?? {};
    const file = path ? repo?.index?.get(path) : undefined;
    if (!repo?.index || !path || !file) return [];
    const out: vscode.CodeAction[] = [];
    for (const link of file.doc.links) {
      const r = toRange(link.range);
      if (!r.contains(range.start) || link.commented) continue;
      const target = repo.index.resolve(path, link);
      if (target.kind !== 'internal' || document.getText(r) !== link.raw) continue;
      const fragment = fragmentOf(link.url);
      const hash = fragment !== undefined ? `#${fragment}` : '';
      if (target.via === 'github') {
        const action = new vscode.CodeAction('Use a relative link', REWRITE);
        action.edit = new vscode.WorkspaceEdit();
        const rel = `${target.path === path ? '' : encodePath(relativeLink(path, target.path))}${hash}` || '#';
        // `<…>` and bare URLs must be URLs: a relative link needs the `[text](…)` form.
        if (link.kind === 'autolink' || link.kind === 'literal') action.edit.replace(document.uri, toRange(link.fullRange), `[${target.path}${hash}](${rel})`);
        else action.edit.replace(document.uri, r, rel);
        out.push(action);
      } else {
        const url = githubUrl(repo.index, target.path);
        if (!url) continue;
        const action = new vscode.CodeAction('Use the GitHub URL', REWRITE);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, r, `${url}${hash}`);
        out.push(action);
      }
    }
    return out;
  }
}

export function registerCodeActions(store: FindingsStore, repositories: Repositories): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new MinutesCodeActions(store, repositories), { providedCodeActionKinds: MinutesCodeActions.kinds });
}
