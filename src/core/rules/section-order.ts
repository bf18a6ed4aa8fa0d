// section-order: the usual sections are there, but not in the folder's usual order.
import type { Rule } from './rule';
import { canonicalSection, isEstablished, isRegularMeeting, MIN_ORDER_EVIDENCE, precedes, REQUIRED_SHARE, sectionHeadings } from '../conventions';

export const sectionOrder: Rule = {
  id: 'section-order',
  description: 'Sections appear in another order than the folder’s minutes usually have them.',
  defaultSeverity: 'info',
  finds: "the team's usual sections in an unusual order",
  options: ['sections.required', 'sections.aliases'],
  check(context) {
    const { file, index } = context;
    if (!isRegularMeeting(index, file)) return;
    const conventions = context.conventions();
    if (!conventions || !isEstablished(conventions)) return;
    const aliases = index.config.sections?.aliases;
    const usual = new Set(conventions.sections.filter((s) => s.share >= REQUIRED_SHARE && s.stable).map((s) => s.name));
    const seen: Array<{ name: string; text: string }> = [];
    for (const h of sectionHeadings(file.doc)) {
      const name = canonicalSection(h.name, aliases);
      if (!usual.has(name) || seen.some((x) => x.name === name)) continue;
      // Reported when nearly all the neighbours that have both sections put this one before one that came earlier here.
      const earlier = seen.find((x) => {
        const usualOrder = precedes(conventions, name, x.name);
        const thisOrder = precedes(conventions, x.name, name);
        return usualOrder >= MIN_ORDER_EVIDENCE && usualOrder >= (usualOrder + thisOrder) * REQUIRED_SHARE;
      });
      if (earlier) {
        context.report({
          range: h.range,
          severity: 'info',
          message: `\`${h.text}\` usually comes before \`${earlier.text}\` in ${file.name.team} minutes.`,
          data: { section: h.name },
        });
        return;
      }
      seen.push({ name, text: h.text });
    }
  },
};
