// What a rule is: a function from one indexed file (and the index around it) to findings.
import type { MinutesIndex, IndexedFile } from '../index';
import type { MinutesDiagnostic, Severity } from '../diagnostics';
import type { FolderConventions } from '../conventions';

export interface RuleContext {
  index: MinutesIndex;
  file: IndexedFile;
  /** The conventions of the file's folder around its date (computed on first use). */
  conventions(): FolderConventions | undefined;
  /** Adds a finding for this file. */
  report(finding: Omit<MinutesDiagnostic, 'path' | 'rule'>): void;
}

export interface Rule {
  /** Stable id, used as the diagnostic's code and in configuration. */
  id: string;
  description: string;
  /** Severity of its most serious findings, for documentation and configuration. */
  defaultSeverity: Severity;
  check(context: RuleContext): void;
}
