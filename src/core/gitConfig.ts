// Reads the GitHub repositories a checkout's remotes point to from its `.git/config`
// (a fork's clone has its fork as `origin` and the repository its links name as `upstream`).
import type { RepoIdentity } from './links';

/** Longer lines are not configuration a person wrote; they are skipped unread (and cannot slow anything). */
const MAX_LINE = 8192;

/**
 * `owner/repo` of a GitHub remote URL, in one pass (a regular expression searching for `github.com`
 * anywhere backtracks quadratically on a long line). The last `github.com:` or `github.com/` counts.
 */
export function githubRemote(url: string): RepoIdentity | undefined {
  if (url.length > MAX_LINE || /\s/.test(url)) return undefined;
  const lower = url.toLowerCase();
  let at = -1;
  for (let i = lower.indexOf('github.com'); i >= 0; i = lower.indexOf('github.com', i + 1)) {
    const next = lower[i + 'github.com'.length];
    if (next === ':' || next === '/') at = i + 'github.com'.length + 1;
  }
  if (at < 0) return undefined;
  let rest = url.slice(at);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  const parts = rest.split('/');
  if (parts.length !== 2) return undefined;
  let [owner, repo] = parts;
  if (repo.toLowerCase().endsWith('.git') && repo.length > 4) repo = repo.slice(0, -4);
  return owner && repo ? { owner, repo } : undefined;
}

export function remotesFromGitConfig(config: string): RepoIdentity[] {
  const remotes: Array<{ name: string; url: string }> = [];
  let current: string | undefined;
  for (const raw of config.split('\n')) {
    if (raw.length > MAX_LINE) continue;
    const line = raw.trim();
    // Git's section and key names are case-insensitive (the subsection name, in quotes, is not).
    const section = /^\[\s*remote\s+"([^"]+)"\s*\]$/i.exec(line);
    if (section) {
      current = section[1];
      continue;
    }
    if (line.startsWith('[')) {
      current = undefined;
      continue;
    }
    const url = /^url\s*=\s*(.+)$/i.exec(line);
    if (current && url) remotes.push({ name: current, url: configValue(url[1]) });
  }
  const rank = (name: string) => (name === 'upstream' ? 0 : name === 'origin' ? 1 : 2);
  remotes.sort((a, b) => rank(a.name) - rank(b.name));
  const out: RepoIdentity[] = [];
  for (const r of remotes) {
    const m = githubRemote(r.url);
    if (m) out.push(m);
  }
  return out;
}

/** A config value without its quotes or a trailing `;`/`#` comment. */
function configValue(raw: string): string {
  const quoted = /^"([^"]*)"/.exec(raw.trim());
  return quoted ? quoted[1] : raw.replace(/\s[;#].*$/, '').trim();
}

const SYMBOLIC = /^ref:\s*refs\/(?:heads|remotes\/[^/\s]+)\/(\S+)\s*$/;

/** The default branch from git's files (see readGitDefaultBranch): the remote's HEAD, the checked-out branch, or packed remote refs. */
export function defaultBranchFromGit(files: { remoteHeads: Array<string | undefined>; head?: string; packedRefs?: string }): string | undefined {
  for (const text of files.remoteHeads) {
    const m = text && SYMBOLIC.exec(text.trim());
    if (m) return m[1];
  }
  const head = files.head && SYMBOLIC.exec(files.head.trim());
  if (head) return head[1];
  if (files.packedRefs) {
    const remote = new Set<string>();
    for (const line of files.packedRefs.split(/\r?\n/)) {
      const m = /^[0-9a-f]{40,64} refs\/remotes\/(?:origin|upstream)\/(\S+)$/.exec(line.trim());
      if (m) remote.add(m[1]);
    }
    const known = ['main', 'master', 'trunk', 'gh-pages'].filter((b) => remote.has(b));
    if (known.length === 1) return known[0];
  }
  return undefined;
}
