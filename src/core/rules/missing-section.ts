// missing-section: a section the team's minutes around this date (almost) always have is absent.
import type { Rule } from './rule';
import { canonicalSection, isEstablished, isRegularMeeting, presentSections, REQUIRED_SHARE, sectionHeadings, type FolderConventions, type SectionConvention } from '../conventions';
import { sectionEndLine } from '../sections';

function message(section: SectionConvention, conventions: FolderConventions): string {
  const name = section.heading.replace(/^#+\s*/, '');
  return section.required
    ? `Missing section \`${name}\`: the configuration requires it.`
    : `Missing section \`${name}\`: ${Math.round(section.share * 100)} % of the ${conventions.basis} nearest ${conventions.folder} minutes have it.`;
}

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A section the folder’s minutes usually have (learned from its history) is missing.',
  defaultSeverity: 'warning',
  check(context) {
    const { file, index } = context;
    if (!isRegularMeeting(index, file) || !file.doc.title) return;
    const conventions = context.conventions();
    if (!conventions || !isEstablished(conventions)) return;
    const aliases = index.config.sections?.aliases;
    const present = presentSections(file.doc, aliases);
    const own = sectionHeadings(file.doc);
    for (const section of conventions.sections) {
      if (section.share < REQUIRED_SHARE || present.has(section.name)) continue;
      // Insert after the last present section that conventionally comes before it.
      const before = conventions.sections.filter((s) => s.order < section.order && present.has(s.name)).map((s) => s.name);
      const anchor = [...own].reverse().find((h) => before.includes(canonicalSection(h.name, aliases)));
      const firstAfter = own.find((h) => !before.includes(canonicalSection(h.name, aliases)));
      let line: number;
      let text: string;
      if (anchor && sectionEndLine(file.doc, anchor) + 1 >= file.doc.lineCount) {
        // After the last section: at the very end, on a line of its own after a blank one.
        context.report({
          range: file.doc.title.heading.range,
          severity: 'warning',
          message: message(section, conventions),
          data: { section: section.name },
          fixes: [{ title: `Insert \`${section.heading}\``, edits: [{ range: { start: file.doc.end, end: file.doc.end }, newText: `\n\n${section.heading}${file.doc.finalNewline ? '' : '\n'}` }], preferred: true }],
        });
        continue;
      } else if (anchor) {
        line = sectionEndLine(file.doc, anchor) + 1;
        text = `${section.heading}\n\n`;
      } else if (firstAfter) {
        line = firstAfter.range.start.line;
        text = `${section.heading}\n\n`;
      } else if (file.doc.title.heading.range.end.line + 1 < file.doc.lineCount) {
        line = file.doc.title.heading.range.end.line + 1;
        text = `\n${section.heading}\n`;
      } else {
        // A file that is only its title: after it, on lines of their own.
        context.report({
          range: file.doc.title.heading.range,
          severity: 'warning',
          message: message(section, conventions),
          data: { section: section.name },
          fixes: [{ title: `Insert \`${section.heading}\``, edits: [{ range: { start: file.doc.end, end: file.doc.end }, newText: `\n\n${section.heading}${file.doc.finalNewline ? '' : '\n'}` }], preferred: true }],
        });
        continue;
      }
      context.report({
        range: file.doc.title.heading.range,
        severity: 'warning',
        message: message(section, conventions),
        data: { section: section.name },
        fixes: [{ title: `Insert \`${section.heading}\``, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text }], preferred: true }],
      });
    }
  },
};
