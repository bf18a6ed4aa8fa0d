// Reads the GitHub repositories a checkout's remotes point to from its `.git/config`
// (a fork's clone has its fork as `origin` and the repository its links name as `upstream`).
import type { RepoIdentity } from './links';

const REMOTE_URL = /(?:github\.com[:/])([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/i;

export function remotesFromGitConfig(config: string): RepoIdentity[] {
  const remotes: Array<{ name: string; url: string }> = [];
  let current: string | undefined;
  for (const raw of config.split(/\r?\n/)) {
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
    const m = REMOTE_URL.exec(r.url);
    if (m) out.push({ owner: m[1], repo: m[2] });
  }
  return out;
}

/** A config value without its quotes or a trailing `;`/`#` comment. */
function configValue(raw: string): string {
  const quoted = /^"([^"]*)"/.exec(raw.trim());
  return quoted ? quoted[1] : raw.replace(/\s[;#].*$/, '').trim();
}
