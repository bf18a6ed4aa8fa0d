// Where a link in a minutes file leads: resolves relative paths, root-relative paths and URLs
// of the same repository on GitHub (any branch, blob/tree/raw) to a repository path.
import { dirname, normalizePath } from './paths';

/** The repository on GitHub that a minutes checkout is a copy of. */
export interface RepoIdentity {
  owner: string;
  repo: string;
}

export interface LineAnchor {
  start: number;
  end: number;
}

export type LinkTarget =
  | { kind: 'internal'; path: string; fragment?: string; line?: LineAnchor; via: 'relative' | 'root' | 'github'; branch?: string; plain: boolean }
  | { kind: 'outside'; path: string }
  | { kind: 'external'; url: string }
  /** `file:` URLs and other forms that only work on the author's machine. */
  | { kind: 'local-file'; url: string }
  | { kind: 'empty' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const GITHUB = /^(?:https?:)?\/\/(?:www\.)?github\.com\/([^/?#]+)\/([^/?#]+)(?:\/(blob|tree|raw|blame|edit)\/([^/?#]+)((?:\/[^?#]*)?))?\/?(\?[^#]*)?(#.*)?$/i;
const RAW_GITHUB = /^https?:\/\/raw\.githubusercontent\.com\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)((?:\/[^?#]*)?)(\?[^#]*)?(#.*)?$/i;
const LINE_ANCHOR = /^L(\d+)(?:C\d+)?(?:-L(\d+)(?:C\d+)?)?$/;

/** A destination that stands for an address still to be written: `XXX`, `TODO`, `$PAD_URL`, `{{link}}`, `...`. */
const PLACEHOLDER = /^(?:x{3,}|tb[dac]|todo|fixme|\$[A-Z][A-Z0-9_]*|\$\{[^}]*\}|\{\{[^}]*\}\}|\.{3}|…|(?:link|url|address)(?:[-_ ]?here)?)$/i;

export function isPlaceholder(destination: string): boolean {
  return PLACEHOLDER.test(destination.trim());
}

/** A template, not minutes: a file whose name says so, or one in a `templates/` or `.github/` folder. */
export function isTemplatePath(path: string): boolean {
  return /(?:^|\/)(?:\.github|templates?)\//i.test(path) || /template[^/]*$/i.test(path);
}

export function sameRepo(identities: readonly RepoIdentity[], owner: string, repo: string): boolean {
  const o = owner.toLowerCase();
  const r = stripGitSuffix(repo).toLowerCase();
  return identities.some((id) => id.owner.toLowerCase() === o && id.repo.toLowerCase() === r);
}

function stripGitSuffix(repo: string): string {
  return repo.replace(/\.git$/i, '');
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function splitFragment(url: string): { rest: string; query: string; fragment?: string } {
  const hash = url.indexOf('#');
  const fragment = hash >= 0 ? url.slice(hash + 1) : undefined;
  const beforeHash = hash >= 0 ? url.slice(0, hash) : url;
  const q = beforeHash.indexOf('?');
  return { rest: q >= 0 ? beforeHash.slice(0, q) : beforeHash, query: q >= 0 ? beforeHash.slice(q) : '', fragment };
}

function lineAnchorOf(fragment: string | undefined): LineAnchor | undefined {
  const m = fragment ? LINE_ANCHOR.exec(fragment) : null;
  if (!m) return undefined;
  const start = Number(m[1]);
  return { start, end: m[2] ? Number(m[2]) : start };
}

function internal(path: string | undefined, via: 'relative' | 'root' | 'github', query: string, fragment: string | undefined, rawPath: string, branch?: string): LinkTarget {
  if (path === undefined) return { kind: 'outside', path: rawPath };
  const decodedFragment = fragment === undefined || fragment === '' ? undefined : safeDecode(fragment);
  return { kind: 'internal', path, via, branch, fragment: decodedFragment, line: lineAnchorOf(decodedFragment), plain: /[?&]plain=1\b/.test(query) };
}

/** If a URL is a GitHub URL of this repository, the repository path and fragment it names. */
export function parseGithubUrl(url: string): { owner: string; repo: string; mode?: string; branch?: string; path: string; query: string; fragment?: string } | undefined {
  let m = GITHUB.exec(url);
  if (m) {
    const path = m[5] ? m[5].replace(/^\//, '').replace(/\/$/, '') : '';
    return { owner: m[1], repo: stripGitSuffix(m[2]), mode: m[3]?.toLowerCase(), branch: m[4], path, query: m[6] ?? '', fragment: m[7]?.slice(1) };
  }
  m = RAW_GITHUB.exec(url);
  if (m) {
    return { owner: m[1], repo: stripGitSuffix(m[2]), mode: 'raw', branch: m[3], path: m[4].replace(/^\//, ''), query: m[5] ?? '', fragment: m[6]?.slice(1) };
  }
  return undefined;
}

/**
 * Resolves a link destination written in `fromPath`.
 * `url` is the destination after Markdown unescaping, still percent-encoded.
 */
export function resolveLink(url: string, fromPath: string, identities: readonly RepoIdentity[]): LinkTarget {
  const trimmed = url.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (/^file:/i.test(trimmed)) return { kind: 'local-file', url: trimmed };
  if (/^[a-z]:[\\/]/i.test(trimmed) || trimmed.startsWith('\\\\')) return { kind: 'local-file', url: trimmed };

  if (/^(?:https?:)?\/\//i.test(trimmed)) {
    const gh = parseGithubUrl(trimmed);
    if (gh && gh.mode && gh.branch && sameRepo(identities, gh.owner, gh.repo)) {
      const path = normalizePath(safeDecode(gh.path));
      return internal(path, 'github', gh.query, gh.fragment, gh.path, gh.branch);
    }
    return { kind: 'external', url: trimmed };
  }
  if (SCHEME.test(trimmed)) return { kind: 'external', url: trimmed };

  const { rest, query, fragment } = splitFragment(trimmed);
  if (rest === '') return internal(fromPath, 'relative', query, fragment, fromPath);
  const decoded = safeDecode(rest);
  if (decoded.startsWith('/')) return internal(normalizePath(decoded), 'root', query, fragment, decoded);
  return internal(normalizePath(`${dirname(fromPath)}/${decoded}`), 'relative', query, fragment, decoded);
}
