// markup: Markdown that GitHub will not render as the author meant: `##Agenda` (no space after the
// hashes, or a no-break space), a link broken by a space (`[text] (url)`).
import type { Rule } from './rule';

export const markup: Rule = {
  id: 'markup',
  description: 'Headings without a space after the hashes, and links broken by a space.',
  defaultSeverity: 'warning',
  finds: '`##Agenda`, a no-break space after `#`, `[text] (url)`',
  quickFixes: 'add, normalise or remove the space (**safe**)',
  check({ file, report }) {
    for (const issue of file.doc.markup) {
      if (issue.kind === 'late-front-matter') continue;
      const fix = { edits: [{ range: issue.range, newText: issue.replacement ?? '' }], preferred: true, safe: true };
      if (issue.kind === 'heading-without-space') {
        report({ range: issue.range, severity: 'warning', message: 'GitHub shows this as text, not a heading: add a space after the hashes.', fixes: [{ title: 'Add a space after the hashes', ...fix }] });
      } else if (issue.kind === 'heading-nbsp') {
        report({ range: issue.range, severity: 'warning', message: 'A no-break space after the hashes: GitHub shows this as text, not a heading.', fixes: [{ title: 'Use a normal space', ...fix }] });
      } else {
        report({ range: issue.range, severity: 'warning', message: 'A space between `]` and `(`: GitHub shows the brackets and the address as text, not a link.', fixes: [{ title: 'Remove the space', ...fix }] });
      }
    }
  },
};
