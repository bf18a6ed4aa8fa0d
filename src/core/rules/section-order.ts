// section-order: the usual sections are there, but not in the folder's usual order.
import type { Rule } from './rule';
import { canonicalSection, isEstablished, isRegularMeeting, REQUIRED_SHARE, sectionHeadings } from '../conventions';

export const sectionOrder: Rule = {
  id: 'section-order',
  description: 'Sections appear in another order than the folder’s minutes usually have them.',
  defaultSeverity: 'info',
  check(context) {
    const { file, index } = context;
    if (!isRegularMeeting(index, file)) return;
    const conventions = context.conventions();
    if (!conventions || !isEstablished(conventions)) return;
    const aliases = index.config.sections?.aliases;
    const usual = new Map(conventions.sections.filter((s) => s.share >= REQUIRED_SHARE && s.stable).map((s, i) => [s.name, { rank: i, heading: s.heading }]));
    let highest: { rank: number; heading: string } | undefined;
    for (const h of sectionHeadings(file.doc)) {
      const mine = usual.get(canonicalSection(h.name, aliases));
      if (!mine) continue;
      if (highest && mine.rank < highest.rank) {
        context.report({
          range: h.range,
          severity: 'info',
          message: `\`${h.text}\` usually comes before \`${highest.heading.replace(/^#+\s*/, '')}\` in ${file.name.team} minutes.`,
          data: { section: h.name },
        });
        return;
      }
      if (!highest || mine.rank > highest.rank) highest = mine;
    }
  },
};
