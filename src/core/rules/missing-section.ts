// missing-section: a section the team's minutes around this date (almost) always have is absent.
import type { Rule } from './rule';
import type { TextEdit } from '../diagnostics';
import { canonicalSection, isEstablished, isRegularMeeting, presentInOtherWords, presentSections, REQUIRED_SHARE, sectionHeadings, type FolderConventions, type SectionConvention } from '../conventions';
import { sectionEndLine } from '../sections';
import { normalizeSectionName } from '../parse';

function message(section: SectionConvention, conventions: FolderConventions): string {
  const name = section.heading.replace(/^#+\s*/, '');
  return section.required
    ? `Missing section \`${name}\`: the configuration requires it.`
    : `Missing section \`${name}\`: ${Math.round(section.share * 100)} % of the ${conventions.basis} nearest ${whose(conventions.folder)} have it.`;
}

/** `ops minutes`, but `minutes in \`wg-outreach/meeting-notes\`` for a folder below another. */
function whose(folder: string): string {
  return folder.includes('/') ? `minutes in \`${folder}\`` : `${folder} minutes`;
}

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A section the folder’s minutes usually have (learned from its history) is missing.',
  defaultSeverity: 'warning',
  finds: "a section the team's nearest minutes (90 %) have is missing",
  quickFixes: 'insert the heading as the team writes it',
  options: ['sections.required', 'sections.aliases'],
  check(context) {
    const { file, index } = context;
    if (!isRegularMeeting(index, file) || !file.doc.title) return;
    const conventions = context.conventions();
    if (!conventions || !isEstablished(conventions)) return;
    const aliases = index.config.sections?.aliases;
    const present = presentSections(file.doc, aliases);
    const own = sectionHeadings(file.doc);
    const expected = conventions.sections.filter((s) => s.share >= REQUIRED_SHARE && s.stable);
    // `## Next week's session -- CANCELLED` is the section `next week's session` with a remark.
    const withRemark = new Set(own.map((h) => /^(.+?)\s+(?:--|–|—)\s+\S/.exec(h.text)?.[1]).filter((t): t is string => Boolean(t)).map((t) => canonicalSection(normalizeSectionName(t), aliases)));
    const presentByPrefix = (name: string) => withRemark.has(name);
    for (const section of expected) {
      if (present.has(section.name) || presentByPrefix(section.name) || presentInOtherWords(section.name, present)) continue;
      // Insert after the last present section that conventionally comes before it.
      const before = conventions.sections.filter((s) => s.order < section.order && present.has(s.name)).map((s) => s.name);
      const anchor = [...own].reverse().find((h) => before.includes(canonicalSection(h.name, aliases)));
      const firstAfter = own.find((h) => !before.includes(canonicalSection(h.name, aliases)));
      // Where the heading goes: after its predecessor's section, before the first later one, after
      // the title; at the very end (on a line of its own after a blank one) when nothing follows.
      const atEnd = { start: file.doc.end, end: file.doc.end };
      const lineStart = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
      const afterTitle = file.doc.title.heading.range.end.line + 1;
      let edit: TextEdit;
      if (anchor && sectionEndLine(file.doc, anchor) + 1 < file.doc.lineCount) edit = { range: lineStart(sectionEndLine(file.doc, anchor) + 1), newText: `${section.heading}\n\n` };
      else if (!anchor && firstAfter) edit = { range: lineStart(firstAfter.range.start.line), newText: `${section.heading}\n\n` };
      else if (!anchor && afterTitle < file.doc.lineCount) edit = { range: lineStart(afterTitle), newText: `\n${section.heading}\n` };
      // A file that ends inside an open code block or comment gets it closed first, or the heading would be code.
      else edit = { range: atEnd, newText: `${file.doc.unclosedAtEnd ? `\n${file.doc.unclosedAtEnd}` : ''}\n\n${section.heading}${file.doc.finalNewline ? '' : '\n'}` };
      context.report({
        range: file.doc.title.heading.range,
        severity: 'warning',
        message: message(section, conventions),
        data: { section: section.name },
        fixes: [{ title: `Insert \`${section.heading}\``, edits: [edit], preferred: true }],
      });
    }
  },
};
