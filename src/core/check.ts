// Runs the rules over indexed files.
import type { MinutesIndex } from './index';
import type { MinutesDiagnostic } from './diagnostics';
import { compareDiagnostics } from './diagnostics';
import { allRules, type Rule } from './rules/index';

export interface CheckOptions {
  /** Only these rule ids. */
  rules?: readonly string[];
}

export function checkFile(index: MinutesIndex, path: string, options: CheckOptions = {}): MinutesDiagnostic[] {
  const file = index.get(path);
  if (!file) return [];
  const out: MinutesDiagnostic[] = [];
  for (const rule of selectRules(options)) {
    rule.check({ index, file, report: (f) => out.push({ ...f, path, rule: rule.id }) });
  }
  return out.sort(compareDiagnostics);
}

export function checkAll(index: MinutesIndex, options: CheckOptions = {}): MinutesDiagnostic[] {
  const out: MinutesDiagnostic[] = [];
  for (const file of index.markdownFiles()) out.push(...checkFile(index, file.path, options));
  return out.sort(compareDiagnostics);
}

function selectRules(options: CheckOptions): readonly Rule[] {
  return options.rules ? allRules.filter((r) => options.rules!.includes(r.id)) : allRules;
}
