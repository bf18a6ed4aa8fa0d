// The one repository index: every file path, a compact model per Markdown file, and the link graph.
// Updated incrementally: a change to one file re-parses that file only.
import { compactDocument, detachDocument, parseMinutes } from './parse';
import { parseFileName, isMarkdownPath, dirname } from './paths';
import { compileLayouts, learnLayouts, type CompiledLayout, type TeamLayout } from './layout';
import { resolveLink, parseGithubUrl, sameRepo, type LinkTarget, type RepoIdentity } from './links';
import { isoWeekOf, weekStart, addDays, type IsoDate, type IsoWeek } from './dates';
import type { MinutesDocument, MinutesFileName, MinutesLink } from './model';
import type { MinutesConfig } from './config';
import { basename } from './paths';

export interface IndexedFile {
  path: string;
  name: MinutesFileName;
  doc: MinutesDocument;
  /** Internal targets of its links (repository paths), for the backward graph. */
  targets: string[];
}

export interface Affected {
  /** Everything may have changed (the repository's identity did). */
  all: boolean;
  /** Markdown files whose diagnostics may have changed (deleted ones included, to clear theirs). */
  paths: Set<string>;
}

export interface TeamMinutes {
  team: string;
  file: string;
  date: IsoDate;
  /** Set when the file is not the meeting's minutes (an agenda, slides, a log) and no minutes of that day are there. */
  role?: 'agenda' | 'slides' | 'log';
  /** Agendas, slides and logs of the same meeting, beside these minutes (in `weeks()` only). */
  related?: Array<{ file: string; role: 'agenda' | 'slides' | 'log' }>;
}

export interface WeekEntry {
  week: IsoWeek;
  /** Monday and Sunday of the week. */
  start: IsoDate;
  end: IsoDate;
  weekly: { file: string; date: IsoDate; related?: TeamMinutes['related'] } | null;
  minutes: TeamMinutes[];
}

export interface Backlink {
  from: string;
  link: MinutesLink;
}

export interface IndexOptions {
  /** The repository on GitHub, when configured; otherwise elected from the URLs the files use. */
  identity?: RepoIdentity;
  /** Repositories the checkout's git remotes point to: their URLs are this repository's too. */
  remotes?: RepoIdentity[];
  /** The repository's `.minutes.jsonc`, if any. */
  config?: MinutesConfig;
  /** The default branch as git knows it (the remote's HEAD, the branch checked out); before the links' votes. */
  defaultBranch?: string;
}

/** Keys to sets of paths, for "which files share this". */
class PathsByKey {
  private readonly map = new Map<string, Set<string>>();
  add(key: string, path: string): void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(path);
  }
  delete(key: string, path: string): void {
    const set = this.map.get(key);
    set?.delete(path);
    if (set?.size === 0) this.map.delete(key);
  }
  get(key: string): ReadonlySet<string> {
    return this.map.get(key) ?? EMPTY;
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
}
const EMPTY: ReadonlySet<string> = new Set();

/** Images from an upload server (`https://pad.example.org/uploads/…`), by host. */
export function uploadHostOf(url: string): string | undefined {
  const m = /^https?:\/\/([^/?#]+)(\/[^?#]*)/i.exec(url);
  return m && /\/uploads?\//i.test(m[2]) ? m[1].toLowerCase() : undefined;
}

export class MinutesIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly filePaths = new Set<string>();
  /** Folder → number of files below it (a folder exists while that is positive). */
  private readonly folders = new Map<string, number>();
  /** Lower-cased path → the paths that differ only in case. */
  private readonly lowerCasePaths = new Map<string, Set<string>>();
  /** Target path → Markdown files that link to it (whether or not it exists). */
  private readonly linkedFrom = new Map<string, Set<string>>();
  /**
   * The identity election: every GitHub blob/tree/raw URL votes for its `owner/repo`, but only
   * while the path it names exists here, so another repository's URLs never win. Kept exact
   * under any order of updates: a path appearing or disappearing moves its votes.
   */
  private readonly votesByPath = new Map<string, Map<string, number>>();
  private readonly scores = new Map<string, number>();
  private readonly votesByFile = new Map<string, Array<[repo: string, path: string]>>();
  private currentIdentity: RepoIdentity | undefined;
  private identities: RepoIdentity[];
  /**
   * Which teams' dated minutes each team's dated files link to: team → other team → number of
   * (file, target) pairs. Kept exact as files, links and targets come and go, so the weekly folders
   * are found without a pass over the repository.
   */
  private readonly reach = new Map<string, Map<string, number>>();
  private weeklyFolderCache: string[] | undefined;
  /** Dated minutes per team (kept as files come and go); the sorted lists are built on demand, per team. */
  private readonly datedByTeam = new Map<string, Map<string, TeamMinutes>>();
  private readonly teamCache = new Map<string, TeamMinutes[]>();
  private teamNames: string[] | undefined;
  /** All dated minutes sorted by date; dropped when a dated file comes or goes. */
  private minutesCache: TeamMinutes[] | undefined;
  /**
   * The default branch's election, kept per file: the branches its same-repository URLs vote for,
   * and the paths whose existence those votes depend on. A file is re-read when it changes or one
   * of those paths comes or goes; everything is when the identity changes.
   */
  private readonly branchTotals = new Map<string, number>();
  private readonly branchByFile = new Map<string, { votes: string[]; deps: string[] }>();
  private readonly branchDeps = new Map<string, Set<string>>();
  private readonly branchDirty = new Set<string>();
  private branchAllDirty = true;
  /** While set, every existence query adds its path here (what a derived result depends on). */
  private recording: Set<string> | undefined;
  private readonly byHash = new PathsByKey();
  private readonly byBodyHash = new PathsByKey();
  private readonly byBasename = new PathsByKey();
  private readonly uploadHosts = new PathsByKey();

  /** Agendas, slides and logs beside the minutes: team → path → entry. */
  private readonly companions = new Map<string, Map<string, TeamMinutes & { role: 'agenda' | 'slides' | 'log' }>>();
  private readonly compiledLayouts: readonly CompiledLayout[];

  constructor(private readonly options: IndexOptions = {}) {
    this.compiledLayouts = compileLayouts(options.config?.layout ?? []).layouts;
    this.currentIdentity = options.identity;
    this.identities = [...(options.identity ? [options.identity] : []), ...(options.remotes ?? [])];
  }

  /** Grows with every change, so results derived from the whole repository can be cached. */
  get generation(): number {
    return this.changes;
  }
  private changes = 0;

  get config(): MinutesConfig {
    return this.options.config ?? {};
  }

  // ---- paths -------------------------------------------------------------

  /** Records a file that exists (Markdown or not) without parsing it. */
  addPath(path: string): Affected {
    if (this.filePaths.has(path)) return none();
    this.changes++;
    this.filePaths.add(path);
    this.byBasename.add(basename(path), path);
    const lower = path.toLowerCase();
    let same = this.lowerCasePaths.get(lower);
    if (!same) this.lowerCasePaths.set(lower, (same = new Set()));
    same.add(path);
    const affected = none();
    for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) {
      const n = this.folders.get(dir) ?? 0;
      this.folders.set(dir, n + 1);
      if (n === 0) {
        this.addLinkersOf(dir, affected);
        this.pathAppeared(dir, 1);
      }
    }
    this.addLinkersOf(path, affected);
    this.pathAppeared(path, 1);
    return this.refreshIdentity() ? all() : affected;
  }

  private removePath(path: string, affected: Affected): void {
    if (!this.filePaths.delete(path)) return;
    this.byBasename.delete(basename(path), path);
    const same = this.lowerCasePaths.get(path.toLowerCase());
    same?.delete(path);
    if (same?.size === 0) this.lowerCasePaths.delete(path.toLowerCase());
    for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) {
      const n = (this.folders.get(dir) ?? 1) - 1;
      if (n <= 0) {
        this.folders.delete(dir);
        this.addLinkersOf(dir, affected);
        this.pathAppeared(dir, -1);
      } else this.folders.set(dir, n);
    }
    this.addLinkersOf(path, affected);
    this.pathAppeared(path, -1);
  }

  /** What a path says about a file: its team, date and role, by the configured layouts and the built-in ones. */
  nameOf(path: string): MinutesFileName {
    return this.files.get(path)?.name ?? parseFileName(path, this.compiledLayouts);
  }

  hasFile(path: string): boolean {
    this.recording?.add(path);
    return this.filePaths.has(path);
  }

  hasFolder(path: string): boolean {
    if (path === '') return true;
    this.recording?.add(path);
    return this.folders.has(path);
  }

  /** The existing path that differs from `path` only in case, if any. */
  caseVariant(path: string): string | undefined {
    const found = this.lowerCasePaths.get(path.toLowerCase());
    if (!found || found.has(path)) return undefined;
    return [...found].sort()[0];
  }

  // ---- Markdown files ------------------------------------------------------

  /**
   * Parses `text` as the new content of `path` (created or changed). `detach` when many files are
   * indexed this way (a build on this thread): the model then keeps none of the file's text alive.
   * A keystroke need not pay for that; its model is replaced by the next one.
   */
  update(path: string, text: string, detach = false): Affected {
    const doc = parseMinutes(text);
    return this.updateParsed(path, detach ? detachDocument(doc) : doc);
  }

  /** Takes a model parsed elsewhere (a worker thread, a cache) as the new content of `path`. */
  updateParsed(path: string, doc: MinutesDocument): Affected {
    compactDocument(doc);
    this.changes++;
    const affected = this.addPath(path);
    const previous = this.files.get(path);
    const entry: IndexedFile = { path, name: this.nameOf(path), doc, targets: [] };
    if (previous) {
      this.unlinkFile(previous);
      this.unregister(previous, affected);
    }
    this.files.set(path, entry);
    if (!previous) this.entryAdded(entry);
    this.branchDirty.add(path);
    this.register(entry, affected);
    this.voteFor(entry);
    // A new identity relinks every file, this one included.
    if (this.refreshIdentity()) return all();
    this.linkFile(entry);
    if (affected.all) return all();
    affected.paths.add(path);
    if (!previous || anchorsChanged(previous.doc, doc)) this.addLinkersOf(path, affected);
    return affected;
  }

  /** Forgets a file or a whole folder that was deleted. */
  delete(path: string): Affected {
    this.changes++;
    const affected = none();
    const doomed = this.filePaths.has(path) ? [path] : this.folders.has(path) ? [...this.filePaths].filter((p) => p.startsWith(path + '/')) : [];
    for (const p of doomed) {
      const entry = this.files.get(p);
      if (entry) {
        this.unlinkFile(entry);
        this.unregister(entry, affected);
        this.entryRemoved(entry);
        this.files.delete(p);
        this.branchDirty.add(p);
        this.unvote(p);
      }
      this.removePath(p, affected);
      // The deleted file's own findings go too.
      affected.paths.add(p);
    }
    return this.refreshIdentity() ? all() : affected;
  }

  /** A file moved: its model moves with it (relative links are read anew from its new place). */
  rename(from: string, to: string): Affected {
    const entry = this.files.get(from);
    // A move onto an existing file replaces it: forget that one first.
    const replaced = from !== to && this.filePaths.has(to) ? this.delete(to) : none();
    const affected = this.delete(from);
    for (const p of replaced.paths) affected.paths.add(p);
    if (replaced.all) affected.all = true;
    const added = this.addPath(to);
    if (entry) {
      const moved: IndexedFile = { path: to, name: this.nameOf(to), doc: entry.doc, targets: [] };
      this.files.set(to, moved);
      this.entryAdded(moved);
      this.branchDirty.add(to);
      this.register(moved, added);
      this.voteFor(moved);
      if (this.refreshIdentity()) return all();
      this.linkFile(moved);
      added.paths.add(to);
    }
    if (affected.all || added.all) return all();
    for (const p of added.paths) affected.paths.add(p);
    return affected;
  }

  /** Content keys of a file, so "same content" and "images from a pad" are one look-up away. */
  private register(entry: IndexedFile, affected: Affected): void {
    this.byHash.add(entry.doc.hash, entry.path);
    this.byBodyHash.add(entry.doc.bodyHash, entry.path);
    for (const p of this.byBodyHash.get(entry.doc.bodyHash)) if (p !== entry.path) affected.paths.add(p);
    for (const host of this.uploadHostsIn(entry)) this.uploadHosts.add(host, entry.path);
  }

  private unregister(entry: IndexedFile, affected: Affected): void {
    this.byHash.delete(entry.doc.hash, entry.path);
    this.byBodyHash.delete(entry.doc.bodyHash, entry.path);
    for (const p of this.byBodyHash.get(entry.doc.bodyHash)) affected.paths.add(p);
    for (const host of this.uploadHostsIn(entry)) this.uploadHosts.delete(host, entry.path);
  }

  private uploadHostsIn(entry: IndexedFile): Set<string> {
    const hosts = new Set<string>();
    for (const link of entry.doc.links) {
      const host = link.image ? uploadHostOf(link.url) : undefined;
      if (host) hosts.add(host);
    }
    return hosts;
  }

  /** Other files with exactly this file's text. */
  identicalTo(path: string): string[] {
    const file = this.files.get(path);
    return file ? [...this.byHash.get(file.doc.hash)].filter((p) => p !== path).sort() : [];
  }

  /** Other files whose text differs from this one's only in dates and white space. */
  sameBodyAs(path: string): string[] {
    const file = this.files.get(path);
    return file ? [...this.byBodyHash.get(file.doc.bodyHash)].filter((p) => p !== path).sort() : [];
  }

  /** Paths of files with this name, anywhere in the repository. */
  filesNamed(name: string): string[] {
    return [...this.byBasename.get(name)].sort();
  }

  /**
   * Hosts of the pad or upload server: configured, or those whose `/uploads/` images appear in
   * at least three files (a server the team uses habitually, not a one-off blog picture).
   */
  padHosts(): Set<string> {
    const hosts = new Set((this.config.imageHosts ?? []).map((h) => h.toLowerCase()));
    for (const host of this.uploadHosts.keys()) if (this.uploadHosts.get(host).size >= 3) hosts.add(host);
    return hosts;
  }

  get(path: string): IndexedFile | undefined {
    return this.files.get(path);
  }

  markdownFiles(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  get size(): number {
    return this.files.size;
  }

  // ---- links ---------------------------------------------------------------

  /** The repository on GitHub whose URLs the files use (configured, elected from the files, or the first git remote). */
  get identity(): RepoIdentity | undefined {
    return this.currentIdentity ?? this.options.remotes?.[0];
  }

  resolve(fromPath: string, link: MinutesLink): LinkTarget {
    const target = resolveLink(link.url, fromPath, this.identities);
    // `blob/feature/x/iaas/…` may name branch `feature/x`: when the path does not exist, try
    // moving leading segments into the branch name.
    if (target.kind === 'internal' && target.via === 'github' && target.branch && !this.exists(target.path)) {
      const segments = target.path.split('/');
      for (let i = 1; i < segments.length; i++) {
        const rest = segments.slice(i).join('/');
        if (this.exists(rest)) return { ...target, path: rest, branch: [target.branch, ...segments.slice(0, i)].join('/') };
      }
    }
    return target;
  }

  private exists(path: string): boolean {
    this.recording?.add(path);
    return this.filePaths.has(path) || this.folders.has(path);
  }

  /** Files that link to `path`, with the links. */
  backlinks(path: string): Backlink[] {
    const out: Backlink[] = [];
    for (const from of this.linkedFrom.get(path) ?? []) {
      const file = this.files.get(from);
      if (!file) continue;
      for (const link of file.doc.links) {
        const t = this.resolve(from, link);
        if (t.kind === 'internal' && t.path === path) out.push({ from, link });
      }
    }
    return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }

  private linkFile(entry: IndexedFile): void {
    const targets = new Set<string>();
    for (const link of entry.doc.links) {
      const t = this.resolve(entry.path, link);
      if (t.kind === 'internal') targets.add(t.path);
    }
    entry.targets = [...targets];
    for (const t of targets) {
      let set = this.linkedFrom.get(t);
      if (!set) this.linkedFrom.set(t, (set = new Set()));
      set.add(entry.path);
      this.reachPair(entry, t, this.files.get(t)?.name, 1);
    }
  }

  private unlinkFile(entry: IndexedFile): void {
    for (const t of entry.targets) {
      const set = this.linkedFrom.get(t);
      set?.delete(entry.path);
      if (set && set.size === 0) this.linkedFrom.delete(t);
      this.reachPair(entry, t, this.files.get(t)?.name, -1);
    }
    entry.targets = [];
  }

  /** A link from `from` to `target` (named `targetName` while it is an indexed file) counts toward the weekly folders, or stops counting. */
  private reachPair(from: IndexedFile, target: string, targetName: MinutesFileName | undefined, delta: 1 | -1): void {
    const team = from.name.team;
    if (!team || !from.name.date || !targetName?.date) return;
    const other = targetName.team;
    if (!other || other === team) return;
    let counts = this.reach.get(team);
    if (!counts) this.reach.set(team, (counts = new Map()));
    const n = (counts.get(other) ?? 0) + delta;
    if (n > 0) counts.set(other, n);
    else counts.delete(other);
    if (counts.size === 0) this.reach.delete(team);
    // The weekly folders depend on which teams each team reaches, not on how often.
    if (n === 0 || (n === 1 && delta === 1)) this.weeklyFolderCache = undefined;
  }

  /** A Markdown file became indexed: its dated minutes, and the links that now reach an indexed file. */
  private entryAdded(entry: IndexedFile): void {
    for (const from of this.linkedFrom.get(entry.path) ?? []) {
      const linker = this.files.get(from);
      if (linker) this.reachPair(linker, entry.path, entry.name, 1);
    }
    const { team, date, role } = entry.name;
    if (!team || !date) return;
    if (role) {
      let mine = this.companions.get(team);
      if (!mine) this.companions.set(team, (mine = new Map()));
      mine.set(entry.path, { team, file: entry.path, date, role });
      this.minutesCache = undefined;
      return;
    }
    let dated = this.datedByTeam.get(team);
    if (!dated) {
      this.datedByTeam.set(team, (dated = new Map()));
      this.teamNames = undefined;
    }
    dated.set(entry.path, { team, file: entry.path, date });
    this.teamCache.delete(team);
    this.minutesCache = undefined;
  }

  /** A Markdown file stops being indexed (called while it still is). */
  private entryRemoved(entry: IndexedFile): void {
    for (const from of this.linkedFrom.get(entry.path) ?? []) {
      const linker = this.files.get(from);
      if (linker) this.reachPair(linker, entry.path, entry.name, -1);
    }
    const { team, date } = entry.name;
    const mine = team ? this.companions.get(team) : undefined;
    if (team && mine?.delete(entry.path)) {
      if (mine.size === 0) this.companions.delete(team);
      this.minutesCache = undefined;
      return;
    }
    const dated = team && date ? this.datedByTeam.get(team) : undefined;
    if (!team || !dated?.delete(entry.path)) return;
    if (dated.size === 0) {
      this.datedByTeam.delete(team);
      this.teamNames = undefined;
    }
    this.teamCache.delete(team);
    this.minutesCache = undefined;
  }

  private addLinkersOf(path: string, affected: Affected): void {
    for (const from of this.linkedFrom.get(path) ?? []) affected.paths.add(from);
  }

  // ---- the repository's identity on GitHub --------------------------------

  private voteFor(entry: IndexedFile): void {
    this.unvote(entry.path);
    if (this.options.identity) return;
    const votes: Array<[string, string]> = [];
    for (const link of entry.doc.links) {
      const gh = parseGithubUrl(link.url);
      if (!gh || !gh.mode || !gh.path) continue;
      votes.push([`${gh.owner}/${gh.repo}`, gh.path.replace(/\/$/, '')]);
    }
    if (votes.length === 0) return;
    this.votesByFile.set(entry.path, votes);
    for (const [repo, path] of votes) this.castVote(repo, path, 1);
  }

  private unvote(file: string): void {
    const votes = this.votesByFile.get(file);
    if (!votes) return;
    this.votesByFile.delete(file);
    for (const [repo, path] of votes) this.castVote(repo, path, -1);
  }

  private castVote(repo: string, path: string, delta: 1 | -1): void {
    let byRepo = this.votesByPath.get(path);
    if (!byRepo) this.votesByPath.set(path, (byRepo = new Map()));
    const n = (byRepo.get(repo) ?? 0) + delta;
    if (n > 0) byRepo.set(repo, n);
    else byRepo.delete(repo);
    if (byRepo.size === 0) this.votesByPath.delete(path);
    if (this.filePaths.has(path) || this.folders.has(path)) this.addScore(repo, delta);
  }

  /** A path came (+1) or went (-1): the votes of URLs naming it count, or stop counting. */
  private pathAppeared(path: string, sign: 1 | -1): void {
    for (const [repo, n] of this.votesByPath.get(path) ?? []) this.addScore(repo, sign * n);
    for (const file of this.branchDeps.get(path) ?? []) this.branchDirty.add(file);
  }

  private addScore(repo: string, delta: number): void {
    const n = (this.scores.get(repo) ?? 0) + delta;
    if (n > 0) this.scores.set(repo, n);
    else this.scores.delete(repo);
  }

  /** Re-elects the identity; when it changes, every link is resolved anew. Returns whether it changed. */
  private refreshIdentity(): boolean {
    if (this.options.identity) return false;
    let best: string | undefined;
    let bestVotes = 0;
    for (const [k, n] of this.scores) {
      if (n > bestVotes || (n === bestVotes && best !== undefined && k.toLowerCase() < best.toLowerCase())) {
        best = k;
        bestVotes = n;
      }
    }
    const next = best ? { owner: best.split('/')[0], repo: best.split('/')[1] } : undefined;
    const same = next?.owner.toLowerCase() === this.currentIdentity?.owner.toLowerCase() && next?.repo.toLowerCase() === this.currentIdentity?.repo.toLowerCase();
    if (same) return false;
    this.currentIdentity = next;
    this.identities = [...(next ? [next] : []), ...(this.options.remotes ?? [])];
    this.linkedFrom.clear();
    this.reach.clear();
    for (const entry of this.files.values()) this.linkFile(entry);
    this.weeklyFolderCache = undefined;
    this.branchAllDirty = true;
    return true;
  }

  // ---- the default branch --------------------------------------------------

  /**
   * The default branch git names, else the branch most same-repository URLs name (`main` when none do). Only URLs that lead somewhere
   * vote: in `tree/ops/` the folder is no branch. Ties go to the branch first in alphabetical order.
   */
  defaultBranch(): string {
    if (this.options.defaultBranch) return this.options.defaultBranch;
    const identity = this.identity;
    if (!identity) return 'main';
    if (this.branchAllDirty) {
      this.branchAllDirty = false;
      this.branchTotals.clear();
      this.branchByFile.clear();
      this.branchDeps.clear();
      this.branchDirty.clear();
      for (const entry of this.files.values()) this.electBranchIn(entry, identity);
    } else if (this.branchDirty.size) {
      for (const path of this.branchDirty) {
        this.retractBranchVotes(path);
        const entry = this.files.get(path);
        if (entry) this.electBranchIn(entry, identity);
      }
      this.branchDirty.clear();
    }
    let best = 'main';
    let n = 0;
    for (const [branch, count] of this.branchTotals) if (count > n || (count === n && branch < best)) [best, n] = [branch, count];
    return best;
  }

  private electBranchIn(entry: IndexedFile, identity: RepoIdentity): void {
    const votes: string[] = [];
    const deps = new Set<string>();
    this.recording = deps;
    try {
      for (const link of entry.doc.links) {
        const gh = parseGithubUrl(link.url);
        if (!gh?.branch || !sameRepo([identity], gh.owner, gh.repo)) continue;
        const target = this.resolve(entry.path, link);
        if (target.kind === 'internal' && target.branch && (this.hasFile(target.path) || this.hasFolder(target.path)) && !this.hasFolder(target.branch)) votes.push(target.branch);
      }
    } finally {
      this.recording = undefined;
    }
    if (votes.length === 0 && deps.size === 0) return;
    this.branchByFile.set(entry.path, { votes, deps: [...deps] });
    for (const b of votes) this.branchTotals.set(b, (this.branchTotals.get(b) ?? 0) + 1);
    for (const p of deps) {
      let set = this.branchDeps.get(p);
      if (!set) this.branchDeps.set(p, (set = new Set()));
      set.add(entry.path);
    }
  }

  private retractBranchVotes(path: string): void {
    const mine = this.branchByFile.get(path);
    if (!mine) return;
    this.branchByFile.delete(path);
    for (const b of mine.votes) {
      const n = (this.branchTotals.get(b) ?? 0) - 1;
      if (n > 0) this.branchTotals.set(b, n);
      else this.branchTotals.delete(b);
    }
    for (const p of mine.deps) {
      const set = this.branchDeps.get(p);
      set?.delete(path);
      if (set?.size === 0) this.branchDeps.delete(p);
    }
  }

  // ---- teams and weeks -----------------------------------------------------

  /**
   * Folders of all-hands weeklies: those whose files link to the most other teams' minutes (at
   * least two teams, and at least half the reach of the best; a repository that holds several
   * copies or programmes has several).
   */
  weeklyFolders(): string[] {
    if (this.config.weeklyFolder) return [this.config.weeklyFolder];
    if (this.weeklyFolderCache) return this.weeklyFolderCache;
    const reach = this.reach;
    const best = Math.max(0, ...[...reach.values()].map((s) => s.size));
    // A folder that links to a single other team is a pair of teams, not a weekly.
    const threshold = Math.max(2, Math.ceil(best / 2));
    this.weeklyFolderCache = [...reach.entries()]
      .filter(([, set]) => set.size >= threshold)
      .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
      .map(([team]) => team);
    return this.weeklyFolderCache;
  }

  /** The main weekly folder (the one that reaches the most teams). */
  weeklyFolder(): string | undefined {
    return this.weeklyFolders()[0];
  }

  isWeeklyFolder(folder: string | undefined): boolean {
    return folder !== undefined && this.weeklyFolders().includes(folder);
  }

  /** Team folders: folders that hold dated minutes (the weekly's folder among them). */
  teams(): string[] {
    this.teamNames ??= [...this.datedByTeam.keys()].sort();
    return [...this.teamNames];
  }

  /** Dated minutes, oldest first. */
  minutes(): readonly TeamMinutes[] {
    if (!this.minutesCache) {
      const out: TeamMinutes[] = [];
      for (const dated of this.datedByTeam.values()) for (const m of dated.values()) out.push(m);
      this.minutesCache = out.sort(byDateThenFile);
    }
    return this.minutesCache;
  }

  /** One team's dated minutes, oldest first (the same list until the team's minutes change). */
  minutesOfTeam(team: string): readonly TeamMinutes[] {
    let list = this.teamCache.get(team);
    if (!list) {
      const dated = this.datedByTeam.get(team);
      if (!dated) return [];
      list = [...dated.values()].sort(byDateThenFile);
      this.teamCache.set(team, list);
    }
    return list;
  }

  /** One team's dated minutes from `from` to `to` (inclusive), oldest first. */
  minutesOfTeamBetween(team: string, from: IsoDate, to: IsoDate): TeamMinutes[] {
    const list = this.minutesOfTeam(team);
    return list.slice(dateBound(list, from, false), dateBound(list, to, true));
  }

  /** Per team, the forms its dated files' paths take (learned from the files, or the configured patterns). */
  layouts(): TeamLayout[] {
    const named: Array<{ path: string; name: MinutesFileName }> = [];
    for (const file of this.files.values()) if (file.name.date) named.push(file);
    return learnLayouts(named);
  }

  /** Agendas, slides and logs of meetings, oldest first. */
  companionFiles(): TeamMinutes[] {
    const out: TeamMinutes[] = [];
    for (const mine of this.companions.values()) for (const c of mine.values()) out.push(c);
    return out.sort(byDateThenFile);
  }

  /**
   * One entry per ISO week that has dated minutes, oldest first. An agenda, slides or log goes
   * with its team's minutes of that day (`related`); without such minutes it stands for its meeting.
   */
  weeks(): WeekEntry[] {
    const weeklyFolders = new Set(this.weeklyFolders());
    const byWeek = new Map<IsoWeek, WeekEntry>();
    const primary = new Map<string, { related?: TeamMinutes['related'] }>();
    const entryOf = (date: IsoDate) => {
      const week = isoWeekOf(date);
      let entry = byWeek.get(week);
      if (!entry) {
        const start = weekStart(week);
        byWeek.set(week, (entry = { week, start, end: addDays(start, 6), weekly: null, minutes: [] }));
      }
      return entry;
    };
    for (const m of this.minutes()) {
      const entry = entryOf(m.date);
      if (weeklyFolders.has(m.team) && entry.weekly === null) {
        entry.weekly = { file: m.file, date: m.date };
        if (!primary.has(`${m.team}|${m.date}`)) primary.set(`${m.team}|${m.date}`, entry.weekly);
      } else {
        const key = `${m.team}|${m.date}`;
        const item = { ...m };
        if (!primary.has(key)) primary.set(key, item);
        entry.minutes.push(item);
      }
    }
    for (const c of this.companionFiles()) {
      const key = `${c.team}|${c.date}`;
      const main = primary.get(key);
      if (main) (main.related ??= []).push({ file: c.file, role: c.role! });
      else if (weeklyFolders.has(c.team) && entryOf(c.date).weekly === null) {
        const entry = entryOf(c.date);
        entry.weekly = { file: c.file, date: c.date };
        primary.set(key, entry.weekly);
      } else {
        const item = { ...c };
        primary.set(key, item);
        entryOf(c.date).minutes.push(item);
      }
    }
    for (const entry of byWeek.values()) entry.minutes.sort(byDateThenFile);
    return [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
  }
}

function byDateThenFile(a: TeamMinutes, b: TeamMinutes): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.file < b.file ? -1 : 1;
}

/** In minutes sorted by date: the first position dated on or after `date`, or (`after`) after it. */
export function dateBound(list: readonly TeamMinutes[], date: string, after: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].date < date || (after && list[mid].date === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function none(): Affected {
  return { all: false, paths: new Set() };
}

function all(): Affected {
  return { all: true, paths: new Set() };
}

function anchorsChanged(a: MinutesDocument, b: MinutesDocument): boolean {
  if (a.lineCount !== b.lineCount || a.headings.length !== b.headings.length || a.htmlAnchors.length !== b.htmlAnchors.length) return true;
  return a.headings.some((h, i) => h.slug !== b.headings[i].slug) || a.htmlAnchors.some((x, i) => x !== b.htmlAnchors[i]);
}

export { isMarkdownPath };
