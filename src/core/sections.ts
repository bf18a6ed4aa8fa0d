// Sections of a minutes document: which heading a line belongs to.
import type { MinutesDocument, MinutesHeading } from './model';

/** The nearest heading at or above `line`, or undefined before the first one. */
export function sectionOf(doc: MinutesDocument, line: number): MinutesHeading | undefined {
  let found: MinutesHeading | undefined;
  for (const h of doc.headings) {
    if (h.range.start.line > line) break;
    found = h;
  }
  return found;
}

/** The line after which a heading's section ends (the next heading of the same or a higher level). */
export function sectionEndLine(doc: MinutesDocument, heading: MinutesHeading): number {
  const i = doc.headings.indexOf(heading);
  for (let j = i + 1; j < doc.headings.length; j++) {
    if (doc.headings[j].level <= heading.level) return doc.headings[j].range.start.line - 1;
  }
  return doc.lineCount - 1;
}
