// Findings as plain data: what rules return, what the CLI prints and the extension converts.
import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A way to fix a finding, as plain data; the extension turns it into a WorkspaceEdit, the CLI writes it. */
export interface MinutesFix {
  title: string;
  /** Edits to the file the finding is in. */
  edits?: TextEdit[];
  /** Or a rename of that file (a repository path). */
  renameTo?: string;
  /** Or a download of a remote image into the repository, then the link's destination replaced. */
  download?: { url: string; to: string; range: Range; newDestination: string };
  /** The one obvious fix. */
  preferred?: boolean;
  /** Needs no choice and no network: `minutes check --fix` and "Fix all" apply it. */
  safe?: boolean;
}

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
  fixes?: MinutesFix[];
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
