// file-name: a dated file not named like the folder's other minutes, or dated on a weekday the team
// never meets while the title's date fits (the file name is the likely error).
import type { Rule } from './rule';
import { basename, dirname } from '../paths';
import { isValidDate, isoWeekday } from '../dates';
import { fileNameIsWrong } from '../titleAndFileDates';
import { isEstablished, NAMING_SHARE } from '../conventions';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const LINE0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export const fileName: Rule = {
  id: 'file-name',
  description: 'The file name does not follow the folder’s pattern, or its date is the likely error.',
  defaultSeverity: 'warning',
  lesserSeverities: ['info'],
  finds: "a name that looks dated but is not a valid date, a likely wrong date, or another naming pattern than the folder's",
  quickFixes: 'rename the file',
  options: ['layout'],
  check(context) {
    const { file, index } = context;
    const range = file.doc.title?.heading.range ?? LINE0;
    const name = basename(file.path);
    if (!file.name.date) {
      // Near misses of a dated name (`2023426.md`, `20231345.md`, `2019-12-9.md`) in a folder of dated minutes.
      const dashed = /^(\d{4})([-_])(\d{1,2})([-_])(\d{1,2})((?:[-_].*)?\.md)$/i.exec(name);
      if ((/^\d{6,9}(?:[-_].*)?\.md$/i.test(name) || dashed) && index.minutesOfTeam(file.name.team ?? '').length) {
        // The name as written, with its month and day in two digits: `2019-12-9.md` → `2019-12-09.md`.
        const valid = dashed && isValidDate(Number(dashed[1]), Number(dashed[3]), Number(dashed[5]));
        const padded = valid ? `${dashed[1]}${dashed[2]}${dashed[3].padStart(2, '0')}${dashed[4]}${dashed[5].padStart(2, '0')}${dashed[6]}` : undefined;
        const folder = dirname(file.path);
        const renamed = padded ? (folder && folder !== '.' ? `${folder}/${padded}` : padded) : undefined;
        context.report({
          range,
          severity: 'warning',
          message: `\`${name}\` looks like a dated file name but is not a valid date${padded ? `; did you mean \`${padded}\`?` : ' (YYYYMMDD or YYYY-MM-DD).'}`,
          fixes: renamed && padded !== name && !index.hasFile(renamed) ? [{ title: `Rename the file to ${padded}`, renameTo: renamed, preferred: true }] : [],
        });
      }
      return;
    }
    const conventions = context.conventions();
    if (!conventions || !isEstablished(conventions)) return;
    if (fileNameIsWrong(file, conventions)) {
      const titled = file.doc.title!.date!;
      const renamed = file.path.replace(/\d{4}-?\d{2}-?\d{2}(?=[^/]*$)/, (d) => (d.includes('-') ? titled : titled.replace(/-/g, '')));
      const meets = conventions.cadence!.weekdays.map((d) => `${DAYS[d - 1]}s`).join(' or ');
      context.report({
        range,
        severity: 'warning',
        message: `The file name's date ${file.name.date} is a ${DAYS[isoWeekday(file.name.date) - 1]}, but ${file.name.team} meets on ${meets}, and the title says ${titled}: the file name is likely wrong.`,
        data: { reason: 'weekday', titleDate: titled },
        fixes: index.hasFile(renamed) ? [] : [{ title: `Rename the file to ${basename(renamed)}`, renameTo: renamed, preferred: true }],
      });
      return;
    }
    const naming = conventions.naming;
    const compact = /^\d{8}/.test(name);
    if (naming && naming.share >= NAMING_SHARE && (naming.form === 'compact') !== compact && !file.name.suffix) {
      const wanted = naming.form === 'compact' ? file.name.date.replace(/-/g, '') : file.name.date;
      const renamed = `${file.name.team}/${wanted}.md`;
      context.report({
        range,
        severity: 'info',
        message: `Other ${file.name.team} minutes are named ${naming.form === 'compact' ? 'YYYYMMDD.md' : 'YYYY-MM-DD.md'}; this one would be \`${wanted}.md\`.`,
        data: { reason: 'pattern' },
        fixes: index.hasFile(renamed) ? [] : [{ title: `Rename the file to ${wanted}.md`, renameTo: renamed }],
      });
    }
  },
};
