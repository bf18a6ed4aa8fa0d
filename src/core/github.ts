// The repository's own GitHub URLs: the branch its files link to, and URLs for a path.
import type { MinutesIndex } from './index';

/** The branch most same-repository URLs name (`main` when none do); kept current by the index as files change. */
export function defaultBranch(index: MinutesIndex): string {
  return index.defaultBranch();
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
