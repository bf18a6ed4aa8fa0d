// Core data to VS Code types, in one place.
import * as vscode from 'vscode';
import type { Range } from '../core/text';
import type { MinutesDiagnostic, Severity } from '../core/diagnostics';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

export const DIAGNOSTIC_SOURCE = 'minutes';

/** `ruleDoc` gives the page that explains a rule (shipped with the extension, so it opens offline). */
export function toDiagnostic(d: MinutesDiagnostic, ruleDoc: (rule: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, toSeverity(d.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: d.rule, target: ruleDoc(d.rule) };
  return diagnostic;
}
