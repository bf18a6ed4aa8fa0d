// duplicate-minutes: minutes identical to another meeting's (the pad was not cleared, or a file
// was copied over another): one meeting's minutes are likely lost.
import type { Rule } from './rule';

/** Below this much prose, files are alike by nature (empty skeletons). */
const MIN_BODY = 120;

export const duplicateMinutes: Rule = {
  id: 'duplicate-minutes',
  description: 'Content identical, or identical but for dates, to another minutes file.',
  defaultSeverity: 'warning',
  finds: "minutes identical to another meeting's, or identical but for dates",
  check({ index, file, report }) {
    if (!file.name.date || file.doc.bodySize < MIN_BODY) return;
    const range = file.doc.title?.heading.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const dated = (paths: string[]) => paths.filter((p) => index.get(p)?.name.date);
    const identical = dated(index.identicalTo(file.path));
    const alike = identical.length ? [] : dated(index.sameBodyAs(file.path));
    const others = identical.length ? identical : alike;
    if (!others.length) return;
    // The later file is the copy; a file dated like its twin is reported with it.
    const earlier = others.filter((p) => (index.get(p)?.name.date ?? '') <= file.name.date!);
    if (!earlier.length) return;
    const list = earlier.map((p) => `\`${p}\``).join(', ');
    report({
      range,
      severity: 'warning',
      message: identical.length
        ? `Byte-identical to ${list}: one meeting's minutes were likely overwritten or never written.`
        : `The same as ${list} except for dates: one meeting's minutes were likely copied over.`,
      data: { duplicates: earlier, identical: identical.length > 0 },
    });
  },
};
