// front-matter: YAML front matter not on line 1, which GitHub renders as a heading.
import type { Rule } from './rule';

export const frontMatter: Rule = {
  id: 'front-matter',
  description: 'YAML front matter that does not start on line 1 (GitHub renders it as a heading).',
  defaultSeverity: 'warning',
  finds: 'YAML front matter below line 1, shown by GitHub as a heading',
  check({ file, report }) {
    for (const issue of file.doc.markup) {
      if (issue.kind !== 'late-front-matter') continue;
      report({
        range: issue.range,
        severity: 'warning',
        message:
          issue.range.start.line === 0
            ? 'This looks like front matter but GitHub does not read it as such; it shows as a heading.'
            : `Front matter must start on line 1; here it starts on line ${issue.range.start.line + 1}, and GitHub shows it as a heading.`,
      });
    }
  },
};
