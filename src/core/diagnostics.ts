// Findings as plain data: what rules return, what the CLI prints and the extension converts.
import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface MinutesDiagnostic {
  /** Repository-relative POSIX path of the file the finding is in. */
  path: string;
  range: Range;
  /** Stable rule id, e.g. `broken-link`. */
  rule: string;
  severity: Severity;
  message: string;
  /** What a quick fix needs, so it never re-parses. */
  data?: Record<string, unknown>;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareDiagnostics(a: MinutesDiagnostic, b: MinutesDiagnostic): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    ORDER[a.severity] - ORDER[b.severity] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
