// link-form: same-repository GitHub URLs that GitHub cannot resolve (`/tree/community-call/` with
// no branch) or that point at another branch than the one the repository's links use.
import type { Rule } from './rule';
import { parseGithubUrl, sameRepo } from '../links';
import { defaultBranch } from '../github';

export const linkForm: Rule = {
  id: 'link-form',
  description: 'Same-repository GitHub URLs without a branch, or on another branch than the default.',
  defaultSeverity: 'warning',
  lesserSeverities: ['info'],
  finds: 'GitHub URLs of the repository without a branch (404), or on another branch than the usual one',
  quickFixes: 'insert the branch (**safe**); link the usual branch',
  options: ['repository'],
  check({ index, file, report }) {
    const identity = index.identity;
    if (!identity) return;
    let branch: string | undefined;
    for (const link of file.doc.links) {
      if (link.commented) continue;
      const gh = parseGithubUrl(link.url);
      if (!gh || !gh.mode || !gh.branch || !sameRepo([identity], gh.owner, gh.repo)) continue;
      branch ??= defaultBranch(index);
      // The branch follows `/blob/` on github.com, and `/OWNER/REPO/` on raw.githubusercontent.com.
      const marker = /raw\.githubusercontent\.com/i.test(link.raw) ? `/${gh.repo}/` : `/${gh.mode}/`;
      const markerAt = link.raw.toLowerCase().indexOf(marker.toLowerCase(), link.raw.toLowerCase().indexOf(gh.repo.toLowerCase()) - 1);
      if (markerAt < 0 || link.range.start.line !== link.range.end.line) continue;
      const start = link.range.start.character + markerAt + marker.length;
      const branchRange = { start: { line: link.range.start.line, character: start }, end: { line: link.range.start.line, character: start + gh.branch.length } };
      // A top-level folder where the branch belongs: GitHub answers 404.
      if (gh.branch !== branch && index.hasFolder(gh.branch) && !gh.branch.includes('.') && (gh.path === '' || index.hasFolder(`${gh.branch}/${gh.path}`) || index.hasFile(`${gh.branch}/${gh.path}`))) {
        report({
          range: link.range,
          severity: 'warning',
          message: `This URL has no branch: GitHub reads \`${gh.branch}\` as one and answers "404". Insert \`${branch}/\` after \`${gh.mode}/\`.`,
          data: { reason: 'missing-branch', branch },
          fixes: [{ title: `Insert the branch \`${branch}\``, edits: [{ range: { start: branchRange.start, end: branchRange.start }, newText: `${branch}/` }], preferred: true, safe: true }],
        });
        continue;
      }
      const resolved = index.resolve(file.path, link);
      const linkBranch = resolved.kind === 'internal' && resolved.branch ? resolved.branch : gh.branch;
      // A commit (a permalink) is no branch; GitHub redirects links to the old default branch
      // (`master` after a rename to `main`); and a path that is not here is broken-link's to report.
      const permalink = /^[0-9a-f]{7,40}$/.test(gh.branch) || /^[0-9a-f]{7,40}$/.test(linkBranch);
      const renamedDefault = linkBranch === 'master' && branch === 'main';
      const here = resolved.kind === 'internal' && (index.hasFile(resolved.path) || index.hasFolder(resolved.path));
      if (linkBranch !== branch && linkBranch !== 'HEAD' && !permalink && !renamedDefault && here) {
        const fullBranchRange = { start: branchRange.start, end: { line: branchRange.start.line, character: branchRange.start.character + linkBranch.length } };
        report({
          range: fullBranchRange,
          severity: 'info',
          message: `Links the branch \`${linkBranch}\`; the repository's links use \`${branch}\`. The link breaks once \`${linkBranch}\` is merged and deleted.`,
          data: { reason: 'other-branch', branch, linkBranch },
          fixes: [{ title: `Link the branch \`${branch}\` instead`, edits: [{ range: fullBranchRange, newText: branch }] }],
        });
      }
    }
  },
};
