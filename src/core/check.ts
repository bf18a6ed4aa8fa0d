// Runs the rules over indexed files, with the severities the configuration sets.
import type { MinutesIndex } from './index';
import type { MinutesDiagnostic } from './diagnostics';
import { compareDiagnostics } from './diagnostics';
import { allRules, type Rule } from './rules/index';
import { conventionsOf, type FolderConventions } from './conventions';
import { ruleIgnoredAt } from './config';

export interface CheckOptions {
  /** Only these rule ids. */
  rules?: readonly string[];
}

export function checkFile(index: MinutesIndex, path: string, options: CheckOptions = {}): MinutesDiagnostic[] {
  const file = index.get(path);
  if (!file) return [];
  const out: MinutesDiagnostic[] = [];
  const settings = index.config.rules ?? {};
  let conventions: FolderConventions | undefined | null = null;
  for (const rule of selectRules(options)) {
    const setting = settings[rule.id];
    if (setting === 'off' || ruleIgnoredAt(index.config, rule.id, path)) continue;
    rule.check({
      index,
      file,
      conventions: () => {
        if (conventions === null) {
          const team = file.name.team;
          conventions = team ? conventionsOf(index, team, file.name.date, path, { aliases: index.config.sections?.aliases, requiredSections: index.config.sections?.required }) : undefined;
        }
        return conventions;
      },
      report: (f) => out.push({ ...f, severity: setting ?? f.severity, path, rule: rule.id }),
    });
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
