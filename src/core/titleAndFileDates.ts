// What title-date and file-name share: where a title's date lies, and which of the two dates is wrong.
import type { IndexedFile } from './index';
import { isEstablished, MAX_MOVED_MEETING_DAYS, type FolderConventions } from './conventions';
import type { MinutesHeading } from './model';
import type { Range } from './text';
import { daysBetween, isoWeekday } from './dates';

/** The range of `needle` inside a single-line heading's source, when it can be found. */
export function rangeInHeading(heading: MinutesHeading, needle: string): Range | undefined {
  const at = heading.source.indexOf(needle);
  if (at < 0 || heading.range.start.line !== heading.range.end.line) return undefined;
  const line = heading.range.start.line;
  // `source` is the whole line, indentation included: the index is the column.
  const start = at;
  return { start: { line, character: start }, end: { line, character: start + needle.length } };
}

/**
 * The file name is the likely error: its date falls on a weekday the team never meets, while the
 * title's date falls on one it does.
 */
export function fileNameIsWrong(file: IndexedFile, conventions: FolderConventions | undefined): boolean {
  const named = file.name.date;
  const titled = file.doc.title?.date;
  const days = conventions?.cadence?.weekdays;
  if (!named || !titled || named === titled || !days?.length || !conventions || !isEstablished(conventions)) return false;
  // Dates far apart are a typo in one of them (a year, a swapped month), not a meeting moved.
  if (Math.abs(daysBetween(named, titled)) > MAX_MOVED_MEETING_DAYS) return false;
  return !days.includes(isoWeekday(named)) && days.includes(isoWeekday(titled));
}
