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

/**
 * A rule and its one description: the JSON schema's rule entries, the VS Code settings
 * `minutes.rules.<id>`, the rule tables of the documentation and SARIF's rule list are all made
 * from these fields (`npm run gen:rules`; a unit test fails when the committed files differ).
 */
export interface Rule {
  /** Stable id, used as the diagnostic's code and in configuration; also the rule's file name and doc page. */
  id: string;
  /** One sentence, plain text: SARIF's short description, the schema's and the setting's description. */
  description: string;
  /** What it finds, in Markdown and lower case, for the rule tables. */
  finds: string;
  /** Severity of its most serious findings, for documentation and configuration. */
  defaultSeverity: Severity;
  /** Severities of its lesser findings, most serious first; none when all have the default. */
  lesserSeverities?: readonly Severity[];
  /** Its quick fixes, in Markdown and lower case (a safe one marked `(**safe**)`); none when it has none. */
  quickFixes?: string;
  /** The `.minutes.jsonc` options it reads besides `rules` and `ignoreRules`, as paths (`sections.required`). */
  options?: readonly string[];
  check(context: RuleContext): void;
}

/** The page that explains a rule, relative to the repository root. */
export function ruleDocPage(id: string): string {
  return `docs/rules/${id}.md`;
}
