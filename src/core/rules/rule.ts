// What a rule is: a function from one indexed file (and the index around it) to findings.
import type { MinutesIndex, IndexedFile } from '../index';
import type { MinutesDiagnostic, Severity } from '../diagnostics';

export interface RuleContext {
  index: MinutesIndex;
  file: IndexedFile;
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
