// "Minutes: Show Conventions": what was inferred, per folder, as a readable Markdown document.
import type { MinutesIndex } from './index';
import { conventionsOf, REQUIRED_SHARE } from './conventions';
import { teamDisplayNames } from './teams';
import { defaultBranch } from './github';
import { ROOT_TEAM } from './layout';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function conventionsReport(index: MinutesIndex): string {
  const names = teamDisplayNames(index);
  const identity = index.identity;
  const out: string[] = ['# Minutes conventions', ''];
  out.push('What Minutes Workbench learned from this repository (the latest minutes of each folder weigh most). A `.minutes.jsonc` at the root overrides any of it.', '');
  out.push('## Repository', '');
  out.push(`- GitHub: ${identity ? `\`${identity.owner}/${identity.repo}\` (branch \`${defaultBranch(index)}\`)` : 'not known (no git remote on GitHub, and no file links to one)'}`);
  out.push(`- Weekly folder: ${index.weeklyFolders().map((f) => `\`${f}/\``).join(', ') || 'none found (no folder links to several teams’ minutes)'}`);
  const hosts = [...index.padHosts()];
  out.push(`- Pad / upload hosts: ${hosts.length ? hosts.map((h) => `\`${h}\``).join(', ') : 'none found'}`);
  out.push(`- Minutes: ${index.minutes().length} dated files in ${index.teams().length} folders`, '');
  const layouts = new Map(index.layouts().map((l) => [l.team, l]));
  for (const team of index.teams()) {
    const c = conventionsOf(index, team, undefined, undefined, { aliases: index.config.sections?.aliases, requiredSections: index.config.sections?.required });
    const minutes = index.minutesOfTeam(team);
    out.push(`## ${names.get(team) ?? team} (\`${team === ROOT_TEAM ? 'the root folder' : `${team}/`}\`)`, '');
    out.push(`- ${minutes.length} minutes, ${minutes[0]?.date ?? '—'} to ${minutes.at(-1)?.date ?? '—'}; learned from the latest ${c.basis}`);
    const layout = layouts.get(team);
    if (layout) out.push(`- Layout: ${layout.forms.map((f) => `\`${f.layout.includes('{team}') ? f.layout.replace('{team}', team) : `${team === ROOT_TEAM ? '' : `${team}/`}${f.layout}`}\` (${f.files})`).join(', ')}`);
    if (c.cadence?.weekdays.length) out.push(`- Meets on ${c.cadence.weekdays.map((d) => `${DAYS[d - 1]}s`).join(' or ')}${c.cadence.intervalDays === 14 ? ', every other week' : ''}`);
    if (c.title) out.push(`- Title: \`${c.title.form}\` (${Math.round(c.title.share * 100)} %)`);
    if (c.naming && layout?.forms.every((f) => /^YYYY-?MM-?DD/.test(f.layout))) out.push(`- File names: ${c.naming.form === 'compact' ? '`YYYYMMDD.md`' : '`YYYY-MM-DD.md`'} (${Math.round(c.naming.share * 100)} %)`);
    if (index.isWeeklyFolder(team)) out.push('- The weekly: its sections are the teams reporting, so no section is required');
    else if (c.sections.length) {
      out.push('- Sections, in their usual order:');
      for (const s of c.sections) out.push(`  - \`${s.heading}\` — ${Math.round(s.share * 100)} %${s.share >= REQUIRED_SHARE && s.stable ? ' (expected)' : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}
