// Output formats of `minutes check`. The JSON shape is a contract: keep it stable.
import type { MinutesDiagnostic } from '../../core/diagnostics';
import { escapePath, escapeText, safeJson } from './escape';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

/** 1-based lines and columns (columns in UTF-16 code units, as editors count). */
export function toJsonFinding(d: MinutesDiagnostic): JsonFinding {
  return {
    file: d.path,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    rule: d.rule,
    severity: d.severity,
    message: d.message,
  };
}

export function formatJson(diagnostics: MinutesDiagnostic[]): string {
  return safeJson(JSON.stringify(diagnostics.map(toJsonFinding), null, 2)) + '\n';
}

/** `file:line:col: severity rule: message`, one a line (file names and messages escaped: one finding is one line). */
export function formatText(diagnostics: MinutesDiagnostic[]): string {
  return diagnostics.map((d) => `${escapePath(d.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.rule}: ${escapeText(d.message)}\n`).join('');
}
