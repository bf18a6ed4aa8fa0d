// A `.minutes.jsonc` to start from: what was learned from the repository, commented in, so the
// file changes nothing until a line is uncommented. Also the edits that turn a rule off.
import { modify, applyEdits, parse, type Edit } from 'jsonc-parser';
import type { MinutesIndex } from './index';
import { conventionsOf, REQUIRED_SHARE } from './conventions';
import { teamDisplayNames } from './teams';
import { defaultBranch } from './github';
import { allRules } from './rules/index';

const DAYS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

export function configurationTemplate(index: MinutesIndex): string {
  const names = teamDisplayNames(index);
  const identity = index.identity;
  const q = (s: string) => JSON.stringify(s);
  const out: string[] = [
    '// Minutes Workbench configuration (optional). Everything below was learned from this repository;',
    '// a line takes effect once its `//` is removed, and then it wins over what is learned and over the',
    '// user settings `minutes.rules.*`. Rules: "off", "info", "warning" or "error".',
    '{',
  ];
  out.push(identity ? `  // "repository": ${q(`${identity.owner}/${identity.repo}`)}, // on branch ${defaultBranch(index)}` : '  // "repository": "owner/repo",');
  const weekly = index.weeklyFolder();
  out.push(weekly ? `  // "weeklyFolder": ${q(weekly)},` : '  // "weeklyFolder": "community-call",');
  const hosts = [...index.padHosts()];
  out.push(`  // "imageHosts": [${hosts.map(q).join(', ')}],`);
  out.push('  // Teams learned from the folders and the weekly\'s headings:');
  for (const team of index.teams()) {
    const c = conventionsOf(index, team, undefined, undefined, { aliases: index.config.sections?.aliases, requiredSections: index.config.sections?.required });
    const days = c.cadence?.weekdays.map((d) => DAYS[d - 1]).join(' or ');
    const expected = index.isWeeklyFolder(team) ? [] : c.sections.filter((s) => s.share >= REQUIRED_SHARE).map((s) => s.heading);
    const facts = [days ? `meets on ${days}` : '', expected.length ? `sections ${expected.join(', ')}` : ''].filter(Boolean).join('; ');
    out.push(`  //   ${team}: ${names.get(team) ?? team}${facts ? ` (${facts})` : ''}`);
  }
  out.push('  // "sections": { "required": ["participants"], "aliases": { "attendees": "participants" } },');
  out.push('  // "ignore": ["templates/**"],');
  out.push('  "rules": {');
  allRules.forEach((rule, i) => out.push(`    // ${q(rule.id)}: "warning"${i < allRules.length - 1 ? ',' : ''}`));
  out.push('  },');
  out.push('  // Rules not checked in some files or folders (the quick fix "Ignore here" adds entries):');
  out.push('  "ignoreRules": {}');
  out.push('}');
  return out.join('\n') + '\n';
}

/** The edits to a `.minutes.jsonc` text that turn `rule` off for the repository. */
export function turnOffRuleEdits(text: string, rule: string): Edit[] {
  return modify(text, ['rules', rule], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
}

/** The edits that stop `rule` being checked in `path` (`ignoreRules`). */
export function ignoreRuleEdits(text: string, rule: string, path: string): Edit[] {
  const current = (parse(text, [], { allowTrailingComma: true }) as { ignoreRules?: Record<string, unknown> } | undefined)?.ignoreRules?.[path];
  const rules = Array.isArray(current) ? current.filter((r): r is string => typeof r === 'string') : [];
  if (rules.includes(rule)) return [];
  return modify(text, ['ignoreRules', path], [...rules, rule], { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
}

export { applyEdits };
