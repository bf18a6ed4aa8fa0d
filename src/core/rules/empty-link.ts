// empty-link: a link that leads nowhere: `[]()`, `[text]()`, `[text](https://)`.
import type { Rule } from './rule';

export const emptyLink: Rule = {
  id: 'empty-link',
  description: 'A link without a destination, or with a scheme and nothing else.',
  defaultSeverity: 'warning',
  check({ file, report }) {
    for (const link of file.doc.links) {
      if (link.commented || link.kind === 'html') continue;
      const url = link.url.trim();
      const bare = /^(?:https?:\/\/|mailto:|www\.)?$/i.test(url) || url === '#';
      if (!bare) continue;
      const what = url === '' ? 'has no destination' : `leads only to \`${url}\``;
      const label = link.text.replace(/\s+/g, ' ').trim();
      // The fix keeps the label as written (emphasis, code), not its plain text.
      const written = (link.label ?? link.text).trim();
      report({
        range: link.fullRange.start.line === link.fullRange.end.line ? link.fullRange : link.range,
        severity: 'warning',
        message: label ? `The link \`${label}\` ${what}: add its address, or remove the link.` : `An empty link ${what}: remove it or add its text and address.`,
        fixes:
          link.kind === 'inline' && !link.image && link.fullRange.start.line === link.fullRange.end.line
            ? [{ title: label ? `Keep only the text "${label}"` : 'Remove the empty link', edits: [{ range: link.fullRange, newText: written }] }]
            : [],
      });
    }
  },
};
