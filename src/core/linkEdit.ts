// Writing a link's destination anew for another target, in the form the author used.
import type { MinutesLink } from './model';
import { parseGithubUrl } from './links';
import { relativeLink } from './github';

/**
 * The destination that leads from `fromPath` to `newPath` (and `fragment`), written like
 * `link` was: the same GitHub URL form (owner, repository, mode, branch), root-relative, or relative.
 */
export function rewriteDestination(link: MinutesLink, fromPath: string, newPath: string, fragment?: string): string {
  const hash = fragment ? `#${fragment}` : '';
  const gh = parseGithubUrl(link.url);
  if (gh && gh.mode && gh.branch) {
    const prefix = link.url.slice(0, link.url.indexOf(`/${gh.mode}/`) + gh.mode.length + 2);
    const query = gh.query && /plain=1/.test(gh.query) ? gh.query : '';
    return `${prefix}${gh.branch}/${encodePath(newPath)}${query}${hash}`;
  }
  if (link.url.startsWith('/')) return `/${encodePath(newPath)}${hash}`;
  return `${encodePath(relativeLink(fromPath, newPath))}${hash}`;
}

export function encodePath(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(s).replace(/%40/g, '@')).join('/');
}

/** The fragment of a destination as written, if any. */
export function fragmentOf(url: string): string | undefined {
  const i = url.indexOf('#');
  return i < 0 ? undefined : url.slice(i + 1);
}
