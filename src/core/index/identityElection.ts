// The repository's identity on GitHub, when not configured: every GitHub blob/tree/raw URL votes
// for its `owner/repo`, but only while the path it names exists here, so another repository's
// URLs never win. Kept exact under any order of updates: a path appearing or disappearing moves
// the votes of the URLs that name it. When git's remotes are known, only repositories of their
// names stand.
import { parseGithubUrl, type RepoIdentity } from '../links';
import { addCount, type IndexPart, type IndexedFile } from './part';

export interface IdentityOptions {
  /** The configured repository: no election then. */
  identity?: RepoIdentity;
  /** Repositories the checkout's git remotes point to: their URLs are this repository's too. */
  remotes?: RepoIdentity[];
}

export class IdentityElection implements IndexPart {
  /** Path → repository → number of URLs naming that path in that repository. */
  private readonly votesByPath = new Map<string, Map<string, number>>();
  /** Repository → votes of URLs whose path exists. */
  private readonly scores = new Map<string, number>();
  private readonly votesByFile = new Map<string, Array<[repo: string, path: string]>>();
  private elected: RepoIdentity | undefined;
  private identities: RepoIdentity[];

  constructor(private readonly options: IdentityOptions, private readonly exists: (path: string) => boolean) {
    this.elected = options.identity;
    this.identities = [...(options.identity ? [options.identity] : []), ...(options.remotes ?? [])];
  }

  /** The repository whose URLs the files use (configured, elected from the files, or the first git remote). */
  get identity(): RepoIdentity | undefined {
    return this.elected ?? this.options.remotes?.[0];
  }

  /** Every identity whose URLs name this repository: the elected or configured one first, then the remotes. */
  get all(): readonly RepoIdentity[] {
    return this.identities;
  }

  pathAdded(path: string): void {
    for (const [repo, n] of this.votesByPath.get(path) ?? []) addCount(this.scores, repo, n);
  }

  pathRemoved(path: string): void {
    for (const [repo, n] of this.votesByPath.get(path) ?? []) addCount(this.scores, repo, -n);
  }

  fileAdded(file: IndexedFile): void {
    this.unvote(file.path);
    if (this.options.identity) return;
    const votes: Array<[string, string]> = [];
    for (const link of file.doc.links) {
      const gh = parseGithubUrl(link.url);
      if (!gh || !gh.mode || !gh.path) continue;
      votes.push([`${gh.owner}/${gh.repo}`, gh.path.replace(/\/$/, '')]);
    }
    if (votes.length === 0) return;
    this.votesByFile.set(file.path, votes);
    for (const [repo, path] of votes) this.cast(repo, path, 1);
  }

  fileRemoved(file: IndexedFile): void {
    this.unvote(file.path);
  }

  /** Counts the votes anew; returns whether the elected identity changed (then every link must be resolved anew). */
  refresh(): boolean {
    if (this.options.identity) return false;
    let best: string | undefined;
    let bestVotes = 0;
    const remotes = this.options.remotes ?? [];
    // With git's remotes known, only they and repositories of the same name (the fork's upstream, or
    // a fork) can be this one: another repository whose URLs happen to name files this one has too
    // (a LICENSE, a CONTRIBUTING.md, .github/…) is another project, however many such URLs there are.
    const names = new Set(remotes.map((r) => r.repo.toLowerCase()));
    for (const [k, n] of this.scores) {
      if (names.size && !names.has(k.slice(k.indexOf('/') + 1).toLowerCase())) continue;
      if (n > bestVotes || (n === bestVotes && best !== undefined && k.toLowerCase() < best.toLowerCase())) {
        best = k;
        bestVotes = n;
      }
    }
    const next = best ? { owner: best.split('/')[0], repo: best.split('/')[1] } : undefined;
    if (next?.owner.toLowerCase() === this.elected?.owner.toLowerCase() && next?.repo.toLowerCase() === this.elected?.repo.toLowerCase()) return false;
    this.elected = next;
    const same = (a: RepoIdentity, b: RepoIdentity) => a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
    this.identities = [...(next ? [next] : []), ...remotes.filter((r) => !next || !same(r, next))];
    return true;
  }

  private unvote(file: string): void {
    const votes = this.votesByFile.get(file);
    if (!votes) return;
    this.votesByFile.delete(file);
    for (const [repo, path] of votes) this.cast(repo, path, -1);
  }

  private cast(repo: string, path: string, delta: 1 | -1): void {
    let byRepo = this.votesByPath.get(path);
    if (!byRepo) this.votesByPath.set(path, (byRepo = new Map()));
    addCount(byRepo, repo, delta);
    if (byRepo.size === 0) this.votesByPath.delete(path);
    if (this.exists(path)) addCount(this.scores, repo, delta);
  }
}
