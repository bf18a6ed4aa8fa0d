// empty-link: a link that leads nowhere: `[]()`, `[text]()`, `[text](https://)`, or a GitHub URL
// that still holds a template's placeholder owner (`https://github.com/ORG/minutes/…`).
import type { Rule } from './rule';
import { isPlaceholder, isTemplatePath } from '../links';

/** A template's owner left in a GitHub URL. */
const PLACEHOLDER_OWNER = /^https?:\/\/(?:www\.)?github\.com\/(ORG|OWNER|USER|ORGANI[SZ]ATION|YOUR[-_]?ORG|<org>|\{org\})\//;

export const emptyLink: Rule = {
  id: 'empty-link',
  description: 'A link without a destination, or with a scheme and nothing else.',
  defaultSeverity: 'warning',
  finds: 'links without a destination, with only `https://`, `mailto:` or `#`, or with a placeholder (`XXX`, `$PAD_URL`)',
  quickFixes: "keep only the link's text",
  options: ['repository'],
  check({ index, file, report }) {
    for (const link of file.doc.links) {
      if (link.commented || link.kind === 'html') continue;
      const url = link.url.trim();
      const placeholder = PLACEHOLDER_OWNER.exec(url);
      if (placeholder) {
        const id = index.identity;
        const start = link.range.start.character + link.raw.indexOf(placeholder[1]);
        const fixable = id && link.range.start.line === link.range.end.line && start >= link.range.start.character;
        report({
          range: link.range,
          severity: 'warning',
          message: `The link still holds the placeholder \`${placeholder[1]}\` instead of the repository's owner${id ? ` (\`${id.owner}\`)` : ''}.`,
          fixes: fixable
            ? [{ title: `Replace \`${placeholder[1]}\` with \`${id.owner}\``, preferred: true, safe: true, edits: [{ range: { start: { line: link.range.start.line, character: start }, end: { line: link.range.start.line, character: start + placeholder[1].length } }, newText: id.owner }] }]
            : [],
        });
        continue;
      }
      if (url !== '' && isPlaceholder(link.raw)) {
        // A template's placeholders are what it is for.
        if (isTemplatePath(file.path)) continue;
        const label = link.text.replace(/\s+/g, ' ').trim();
        report({
          range: link.range,
          severity: 'warning',
          message: `The link${label ? ` \`${label}\`` : ''} still holds the placeholder \`${link.raw.trim()}\` instead of an address.`,
          data: { reason: 'placeholder' },
        });
        continue;
      }
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
