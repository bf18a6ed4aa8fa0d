// weekly-team-link: in a weekly, a team section links team minutes from another week than the
// weekly's (the off-by-one-week copy); a team that met that week has no link; or a link still says
// "(waiting to be merged)" though its minutes are merged.
import type { Rule } from './rule';
import type { MinutesIndex, TeamMinutes } from '../index';
import { addDays } from '../dates';
import { parseFileName, teamSlug } from '../paths';
import { guessTeamName } from '../teams';
import { rewriteDestination } from '../linkEdit';
import { githubUrl } from '../github';
import { sectionEndLine } from '../sections';
import { teamSection, usuallyLinkedTeams } from '../weeklyLinks';

/** The team's latest regular minutes in the seven days up to the weekly. */
function minutesOfWeek(index: MinutesIndex, team: string, weeklyDate: string): TeamMinutes | undefined {
  const from = addDays(weeklyDate, -6);
  return index
    .minutesOfTeamBetween(team, from, weeklyDate)
    .filter((m) => !parseFileName(m.file).suffix)
    .at(-1);
}


export const weeklyTeamLink: Rule = {
  id: 'weekly-team-link',
  description: 'A weekly links team minutes of another week, misses a team that met, or keeps a stale "waiting to be merged".',
  defaultSeverity: 'warning',
  lesserSeverities: ['info'],
  finds: `in a weekly: a team's minutes of another week linked, a team that met not linked, a stale "waiting to be merged"`,
  quickFixes: 'remove the remark (**safe**); link the minutes of the week; add the missing link',
  options: ['weeklyFolder'],
  check({ index, file, report }) {
    const date = file.name.date;
    const folder = file.name.team;
    if (!date || !folder || !index.isWeeklyFolder(folder)) return;
    const linkedTeams = new Set<string>();
    const links = file.doc.links.filter((l) => !l.commented && !l.image);
    for (const link of links) {
      const target = index.resolve(file.path, link);
      if (target.kind !== 'internal') continue;
      const name = parseFileName(target.path);
      if (!name.date || !name.team || name.team === folder) continue;
      linkedTeams.add(name.team);
      const exists = index.hasFile(target.path);
      if (exists && link.waiting) {
        report({
          range: link.waitingRange ?? link.range,
          severity: 'info',
          message: `\`${target.path}\` is merged now: the remark that it is waiting can go.`,
          data: { reason: 'merged' },
          fixes: link.waitingRange ? [{ title: 'Remove the "waiting to be merged" remark', edits: [{ range: link.waitingRange, newText: '' }], preferred: true, safe: true }] : [],
        });
      }
      // A missing target is broken-link's to report (with the same suggestion).
      if (!exists) continue;
      const expected = minutesOfWeek(index, name.team, date);
      // Only a link to another week's minutes is wrong; two meetings in one week are both this week's.
      if (!expected || expected.file === target.path || name.date >= addDays(date, -6)) continue;
      if (links.some((l) => { const t = index.resolve(file.path, l); return t.kind === 'internal' && t.path === expected.file; })) continue;
      report({
        range: link.range,
        severity: 'warning',
        message: `Links ${name.team} minutes of ${name.date}, not those of this weekly's week: \`${expected.file}\` (${expected.date}).`,
        data: { reason: 'other-week', expected: expected.file },
        fixes: [{ title: `Link \`${expected.file}\` instead`, edits: [{ range: link.range, newText: rewriteDestination(link, file.path, expected.file) }], preferred: true }],
      });
    }
    const usual = usuallyLinkedTeams(index, folder, date);
    const title = file.doc.title?.heading;
    for (const team of usual) {
      if (linkedTeams.has(team)) continue;
      const met = minutesOfWeek(index, team, date);
      if (!met) continue;
      const section = teamSection(file.doc.headings, team, guessTeamName(teamSlug(team)));
      const url = githubUrl(index, met.file);
      const line = section ? section.range.end.line + 1 : undefined;
      report({
        range: section?.range ?? title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'info',
        message: `${guessTeamName(teamSlug(team))} met on ${met.date} (\`${met.file}\`), but this weekly does not link its minutes.`,
        data: { reason: 'missing-link', team, file: met.file },
        fixes:
          section && url && line !== undefined && line <= sectionEndLine(file.doc, section) + 1
            ? [
                line < file.doc.lineCount
                  ? { title: `Add the link to \`${met.file}\``, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `\nMinutes: <${url}>\n` }], preferred: true }
                  : { title: `Add the link to \`${met.file}\``, edits: [{ range: { start: file.doc.end, end: file.doc.end }, newText: `\n\nMinutes: <${url}>${file.doc.finalNewline ? '' : '\n'}` }], preferred: true },
              ]
            : [],
      });
    }
  },
};
