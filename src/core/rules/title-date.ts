// title-date: the title has no date, a malformed one, or another than the file name (a copied pad);
// the title line swallowed the next heading; or a second dated title shows another meeting pasted in.
import type { Rule, RuleContext } from './rule';
import type { MinutesHeading } from '../model';
import type { MinutesFix } from '../diagnostics';
import { datesInProse, isValidDate, formatDate, monthNameDateIn } from '../dates';
import { fileNameIsWrong, rangeInHeading } from '../titleAndFileDates';
import { DATED_TITLES_SHARE, DOTTED_DATE, MIN_BASIS } from '../conventions';
import { adjacentMinutes } from '../navigation';
import { isoDateIn } from '../parse';

// Separators of one kind, dashes (`2023-01–09`), dots or slashes: `2025 - 06/30` is the end of a
// range of US dates (`06/01/2025 - 06/30/2025`), not a date.
const MALFORMED_ANY = /(?<!\d)(\d{4})\s*([-–—./])\s*(\d{1,2})\s*([-–—./])\s*(\d{1,2})(?!\d)/;
const separatorKind = (c: string) => ('-–—'.includes(c) ? '-' : c);
const MALFORMED = {
  exec(text: string): RegExpExecArray | null {
    const m = MALFORMED_ANY.exec(text);
    return m && separatorKind(m[2]) === separatorKind(m[4]) ? m : null;
  },
};

export const titleDate: Rule = {
  id: 'title-date',
  description: 'The title’s date is missing, malformed, or differs from the file name’s.',
  defaultSeverity: 'warning',
  lesserSeverities: ['info'],
  finds: "the title's date missing, malformed or different from the file name's; a heading swallowed by the title; a second title",
  quickFixes: "split the title line (**safe**); write the date correctly (safe when it is the file name's); set the file name's date (safe for a copied pad); rename the file",
  check(context) {
    const { file, index } = context;
    const named = file.name.date;
    // An agenda, slides or a log is held to no title of the minutes.
    if (!named || file.name.role) return;
    const title = file.doc.title;
    const conventions = context.conventions();
    const titlesDated = (conventions?.title?.datedShare ?? 0) >= DATED_TITLES_SHARE && (conventions?.basis ?? 0) >= MIN_BASIS;
    if (!title) return;
    const heading = title.dateHeading ?? title.heading;
    // `2018-01-29-to-2018-05-15--archive.md`: one file for the meetings of a span of dates.
    const until = spanEnd(file.name.suffix, named);
    const inSpan = (date: string) => until !== undefined && date >= named && date <= until;

    // `# 2023-04-26 ## Participants`: a lost line break.
    const swallowed = /\s(#{2,6})\s+\S/.exec(title.heading.text);
    if (swallowed) {
      const at = rangeInHeading(title.heading, ` ${swallowed[1]} `);
      context.report({
        range: title.heading.range,
        severity: 'warning',
        message: `The title line also holds the heading \`${title.heading.text.slice(swallowed.index + 1)}\`: a line break was lost.`,
        fixes: at ? [{ title: 'Put the heading on a line of its own', edits: [{ range: { start: at.start, end: { line: at.start.line, character: at.start.character + 1 } }, newText: '\n\n' }], preferred: true, safe: true }] : [],
      });
    }

    if (!title.date) {
      const m = MALFORMED.exec(title.heading.text);
      // `# 2018.11.16` where most of the team's titles are written so: its style, not a slip.
      const teamStyle = m && DOTTED_DATE.test(m[0]) && m[0].length === 10 && (conventions?.title?.dottedShare ?? 0) >= 0.5;
      if (m && !teamStyle && isValidDate(Number(m[1]), Number(m[3]), Number(m[5]))) {
        const fixed = formatDate(Number(m[1]), Number(m[3]), Number(m[5]));
        const at = rangeInHeading(title.heading, m[0]);
        context.report({
          range: at ?? title.heading.range,
          severity: 'warning',
          message: `The title's date \`${m[0]}\` is malformed; write \`${fixed}\`.`,
          data: { reason: 'malformed', date: fixed },
          fixes: at ? [{ title: `Write \`${fixed}\``, edits: [{ range: at, newText: fixed }], preferred: true, safe: fixed === named }] : [],
        });
      } else if (m && teamStyle && isValidDate(Number(m[1]), Number(m[3]), Number(m[5]))) {
        reportOtherDay(context, title.heading, m[0], formatDate(Number(m[1]), Number(m[3]), Number(m[5])), m[0], named, until);
      } else if (proseDate(title.heading.text, named)) {
        // `## Agenda for the May 9th video call` in the minutes of October 24: a copied title.
        const prose = proseDate(title.heading.text, named)!;
        reportOtherDay(context, title.heading, prose.written, prose.date, `${prose.written} (${prose.date})`, named, until);
      } else if (titlesDated && !file.name.suffix && datesInProse(title.heading.text).length === 0) {
        // A date in another form (`02/09/2015`, `January 30, 2023`) is a date all the same.
        context.report({
          range: title.heading.range,
          severity: 'info',
          message: `The title has no date; ${file.name.team} minutes are usually titled like \`${conventions?.title?.form.replace('{date}', named)}\`.`,
          data: { reason: 'no-date' },
        });
      }
    } else if (title.date !== named && !inSpan(title.date) && !fileNameIsWrong(file, conventions)) {
      const at = rangeInHeading(heading, title.date);
      if (until !== undefined) {
        // A file for a span of dates: which of them the title meant is for its writer to say.
        context.report({
          range: at ?? heading.range,
          severity: 'warning',
          message: `The title says ${title.date}, but the file name says ${named} to ${until}.`,
          data: { reason: 'mismatch', titleDate: title.date, fileDate: named },
        });
      } else {
        const previous = adjacentMinutes(index, file.path, -1);
        const copied = previous && index.get(previous.file)?.doc.title?.date === title.date;
        const fixes: MinutesFix[] = [];
        if (at) fixes.push({ title: `Set the title's date to ${named} (the file name's)`, edits: [{ range: at, newText: named }], preferred: true, safe: Boolean(copied) });
        const renamed = file.path.replace(/\d{4}-?\d{2}-?\d{2}(?=[^/]*$)/, (d) => (d.includes('-') ? title.date! : title.date!.replace(/-/g, '')));
        if (renamed !== file.path && !index.hasFile(renamed)) fixes.push({ title: `Rename the file to ${renamed.slice(renamed.lastIndexOf('/') + 1)} (the title's date)`, renameTo: renamed });
        context.report({
          range: at ?? heading.range,
          severity: 'warning',
          message: copied
            ? `The title says ${title.date}, the date of the previous meeting (${previous!.file}); the file name says ${named}. Was the pad copied?`
            : `The title says ${title.date}, but the file name says ${named}.`,
          data: { reason: 'mismatch', titleDate: title.date, fileDate: named },
          fixes,
        });
      }
    }

    // Another meeting's title further down: minutes pasted into this file (not in a file for a span of dates).
    for (const h of until === undefined ? file.doc.headings : []) {
      if (h === title.heading || h === title.dateHeading || h.level > title.heading.level) continue;
      const other = isoDateIn(h.text);
      if (other && other !== named && other !== title.date && !/next|upcoming|previous|last|prep/i.test(h.text) && /^\W*\d{4}-\d{2}-\d{2}\W*$|meeting|minutes|weekly/i.test(h.text)) {
        context.report({
          range: h.range,
          severity: 'warning',
          message: `A second title with another date (${other}): were another meeting's minutes pasted into this file?`,
          data: { reason: 'second-title', date: other },
        });
        break;
      }
    }
  },
};

/** The last date of a file named for a span of dates (`…-to-2018-05-15…`, `…_20230331`): a valid date after the first. */
function spanEnd(suffix: string | undefined, start: string): string | undefined {
  const m = /^(?:(?:to|until|till|bis|thru|through)[-_]?)?(\d{4})(-?)(\d{2})\2(\d{2})(?!\d)/i.exec(suffix ?? '');
  if (!m || !isValidDate(Number(m[1]), Number(m[3]), Number(m[4]))) return undefined;
  const end = formatDate(Number(m[1]), Number(m[3]), Number(m[4]));
  return end > start ? end : undefined;
}

/**
 * A title's date written with the month's name, unless the title speaks of another meeting
 * (`rescheduled from May 9`, `next call: June 6`).
 */
function proseDate(text: string, named: string): { written: string; date: string } | undefined {
  if (/\b(?:next|upcoming|previous|last|from|instead|rescheduled|moved|postponed|until|till|since|before|after|deadline|due)\b/i.test(text)) return undefined;
  return monthNameDateIn(text, named);
}

/** A title's date in another form than ISO (the team's `YYYY.MM.DD`, the month's name) on another day than the file name's, or outside its span. */
function reportOtherDay(context: RuleContext, heading: MinutesHeading, written: string, date: string, shown: string, named: string, until: string | undefined): void {
  if (date === named || (until !== undefined && date >= named && date <= until)) return;
  context.report({
    range: rangeInHeading(heading, written) ?? heading.range,
    severity: 'warning',
    message: `The title says ${shown}, but the file name says ${named}${until ? ` to ${until}` : ''}.`,
    data: { reason: 'mismatch', titleDate: date, fileDate: named },
  });
}
