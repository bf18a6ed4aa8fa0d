// The repository's own GitHub URLs: the branch its files link to, and URLs for a path.
import type { MinutesIndex } from './index';
import { parseGithubUrl, sameRepo } from './links';

const branchCache = new WeakMap<MinutesIndex, { generation: number; branch: string }>();

/** The branch most same-repository URLs name (`main` when none do); computed once per state of the index. */
export function defaultBranch(index: MinutesIndex): string {
  const cached = branchCache.get(index);
  if (cached?.generation === index.generation) return cached.branch;
  const branch = electBranch(index);
  branchCache.set(index, { generation: index.generation, branch });
  return branch;
}

function electBranch(index: MinutesIndex): string {
  const identity = index.identity;
  if (!identity) return 'main';
  const votes = new Map<string, number>();
  for (const file of index.markdownFiles()) {
    for (const link of file.doc.links) {
      const gh = parseGithubUrl(link.url);
      if (!gh?.branch || !sameRepo([identity], gh.owner, gh.repo)) continue;
      // Only URLs that lead somewhere vote: in `tree/ops/` the folder is no branch.
      const target = index.resolve(file.path, link);
      if (target.kind === 'internal' && target.branch && (index.hasFile(target.path) || index.hasFolder(target.path)) && !index.hasFolder(target.branch)) {
        votes.set(target.branch, (votes.get(target.branch) ?? 0) + 1);
      }
    }
  }
  let best = 'main';
  let n = 0;
  for (const [branch, count] of votes) if (count > n) [best, n] = [branch, count];
  return best;
}

export function githubUrl(index: MinutesIndex, path: string, branch = defaultBranch(index)): string | undefined {
  const id = index.identity;
  if (!id) return undefined;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${id.owner}/${id.repo}/blob/${branch}/${encoded}`;
}

/** A relative link from one repository path to another (`../iaas/20230426.md`). */
export function relativeLink(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array(a.length - i).fill('..'), ...b.slice(i)].join('/');
}
