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

/**
 * A finding on one line, 1-based. `text`: `file:line:col: severity rule: message`, the text format
 * (file name and message escaped: one finding is one line). `short`: `file:line:col severity rule`,
 * as the expected findings of the tests are listed (test/cases, the sample repository's).
 */
export function findingLine(f: JsonFinding, form: 'text' | 'short'): string {
  return form === 'text' ? `${escapePath(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${escapeText(f.message)}` : `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`;
}

/** The text format: one finding a line. */
export function formatText(diagnostics: MinutesDiagnostic[]): string {
  return diagnostics.map((d) => `${findingLine(toJsonFinding(d), 'text')}\n`).join('');
}
