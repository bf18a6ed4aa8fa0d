// missing-section: a section the team's minutes around this date (almost) always have is absent.
import type { Rule } from './rule';
import { canonicalSection, isEstablished, isRegularMeeting, presentSections, REQUIRED_SHARE, sectionHeadings } from '../conventions';
import { sectionEndLine } from '../sections';

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
      if (anchor) {
        line = sectionEndLine(file.doc, anchor) + 1;
        text = `${section.heading}\n\n`;
      } else if (firstAfter) {
        line = firstAfter.range.start.line;
        text = `${section.heading}\n\n`;
      } else {
        line = file.doc.title.heading.range.end.line + 1;
        text = `\n${section.heading}\n`;
      }
      const percent = Math.round(section.share * 100);
      context.report({
        range: file.doc.title.heading.range,
        severity: 'warning',
        message: `Missing section \`${section.heading.replace(/^#+\s*/, '')}\`: ${percent} % of the ${conventions.basis} nearest ${file.name.team} minutes have it.`,
        data: { section: section.name },
        fixes: [{ title: `Insert \`${section.heading}\``, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text }], preferred: true }],
      });
    }
  },
};
