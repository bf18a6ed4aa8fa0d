// The default branch, when git does not name it: the branch most same-repository URLs name. Kept
// per file: the branches its URLs vote for and the paths whose existence those votes depend on
// (collected while its links are resolved). A file is read again when it changes or one of those
// paths comes or goes; every file is when the repository's identity changes.
import { parseGithubUrl, sameRepo, type RepoIdentity } from '../links';
import { addCount, type IndexPart, type IndexedFile, type LinkResolver } from './part';

export const FALLBACK_BRANCH = 'main';

export class BranchElection implements IndexPart {
  private readonly totals = new Map<string, number>();
  private readonly byFile = new Map<string, { votes: string[]; deps: string[] }>();
  /** Path → files whose votes depend on whether it exists. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly stale = new Set<string>();
  private allStale = true;

  constructor(private readonly files: ReadonlyMap<string, IndexedFile>, private readonly resolver: LinkResolver) {}

  pathAdded(path: string): void {
    this.dependentsChanged(path);
  }

  pathRemoved(path: string): void {
    this.dependentsChanged(path);
  }

  fileAdded(file: IndexedFile): void {
    this.stale.add(file.path);
  }

  fileRemoved(file: IndexedFile): void {
    this.stale.add(file.path);
  }

  /** Every file votes anew at the next election (the identity changed). */
  invalidate(): void {
    this.allStale = true;
  }

  /**
   * The branch most URLs of `identity` name (`main` when none do). Only URLs that lead somewhere
   * vote: in `tree/ops/` the folder is no branch. Ties go to the branch first in alphabetical order.
   */
  elect(identity: RepoIdentity): string {
    if (this.allStale) {
      this.allStale = false;
      this.totals.clear();
      this.byFile.clear();
      this.dependents.clear();
      this.stale.clear();
      for (const file of this.files.values()) this.count(file, identity);
    } else if (this.stale.size) {
      for (const path of this.stale) {
        this.retract(path);
        const file = this.files.get(path);
        if (file) this.count(file, identity);
      }
      this.stale.clear();
    }
    let best = FALLBACK_BRANCH;
    let n = 0;
    for (const [branch, count] of this.totals) if (count > n || (count === n && branch < best)) [best, n] = [branch, count];
    return best;
  }

  private dependentsChanged(path: string): void {
    for (const file of this.dependents.get(path) ?? []) this.stale.add(file);
  }

  private count(file: IndexedFile, identity: RepoIdentity): void {
    const votes: string[] = [];
    const deps = new Set<string>();
    const r = this.resolver;
    for (const link of file.doc.links) {
      const gh = parseGithubUrl(link.url);
      if (!gh?.branch || !sameRepo([identity], gh.owner, gh.repo)) continue;
      const target = r.resolve(file.path, link, deps);
      if (target.kind === 'internal' && target.branch && (r.hasFile(target.path, deps) || r.hasFolder(target.path, deps)) && !r.hasFolder(target.branch, deps)) votes.push(target.branch);
    }
    if (votes.length === 0 && deps.size === 0) return;
    this.byFile.set(file.path, { votes, deps: [...deps] });
    for (const b of votes) addCount(this.totals, b, 1);
    for (const p of deps) {
      let set = this.dependents.get(p);
      if (!set) this.dependents.set(p, (set = new Set()));
      set.add(file.path);
    }
  }

  private retract(path: string): void {
    const mine = this.byFile.get(path);
    if (!mine) return;
    this.byFile.delete(path);
    for (const b of mine.votes) addCount(this.totals, b, -1);
    for (const p of mine.deps) {
      const set = this.dependents.get(p);
      set?.delete(path);
      if (set?.size === 0) this.dependents.delete(p);
    }
  }
}
