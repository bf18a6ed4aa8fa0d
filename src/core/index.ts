// The one repository index: every file path, a compact model per Markdown file, and the link graph.
// Updated incrementally: a change to one file re-parses that file only.
import { parseMinutes } from './parse';
import { parseFileName, isMarkdownPath, dirname, topFolder } from './paths';
import { resolveLink, parseGithubUrl, type LinkTarget, type RepoIdentity } from './links';
import { isoWeekOf, weekStart, addDays, type IsoDate, type IsoWeek } from './dates';
import type { MinutesDocument, MinutesFileName, MinutesLink } from './model';

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
  /** Markdown files whose diagnostics may have changed. */
  paths: Set<string>;
}

export interface TeamMinutes {
  team: string;
  file: string;
  date: IsoDate;
}

export interface WeekEntry {
  week: IsoWeek;
  /** Monday and Sunday of the week. */
  start: IsoDate;
  end: IsoDate;
  weekly: { file: string; date: IsoDate } | null;
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
}

export class MinutesIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly filePaths = new Set<string>();
  /** Folder → number of files below it (a folder exists while that is positive). */
  private readonly folders = new Map<string, number>();
  private readonly lowerCasePaths = new Map<string, string>();
  /** Target path → Markdown files that link to it (whether or not it exists). */
  private readonly linkedFrom = new Map<string, Set<string>>();
  /** `owner/repo` → number of same-looking GitHub URLs that name an existing path. */
  private readonly repoVotes = new Map<string, number>();
  private readonly votesByFile = new Map<string, Map<string, number>>();
  private currentIdentity: RepoIdentity | undefined;
  private identities: RepoIdentity[];
  private weeklyFolderCache: string | null | undefined;

  constructor(private readonly options: IndexOptions = {}) {
    this.currentIdentity = options.identity;
    this.identities = [...(options.identity ? [options.identity] : []), ...(options.remotes ?? [])];
  }

  // ---- paths -------------------------------------------------------------

  /** Records a file that exists (Markdown or not) without parsing it. */
  addPath(path: string): Affected {
    if (this.filePaths.has(path)) return none();
    this.filePaths.add(path);
    this.lowerCasePaths.set(path.toLowerCase(), path);
    const affected = none();
    for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) {
      const n = this.folders.get(dir) ?? 0;
      this.folders.set(dir, n + 1);
      if (n === 0) this.addLinkersOf(dir, affected);
    }
    this.addLinkersOf(path, affected);
    return affected;
  }

  private removePath(path: string, affected: Affected): void {
    if (!this.filePaths.delete(path)) return;
    if (this.lowerCasePaths.get(path.toLowerCase()) === path) this.lowerCasePaths.delete(path.toLowerCase());
    for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) {
      const n = (this.folders.get(dir) ?? 1) - 1;
      if (n <= 0) {
        this.folders.delete(dir);
        this.addLinkersOf(dir, affected);
      } else this.folders.set(dir, n);
    }
    this.addLinkersOf(path, affected);
  }

  hasFile(path: string): boolean {
    return this.filePaths.has(path);
  }

  hasFolder(path: string): boolean {
    return path === '' || this.folders.has(path);
  }

  /** The existing path that differs from `path` only in case, if any. */
  caseVariant(path: string): string | undefined {
    const found = this.lowerCasePaths.get(path.toLowerCase());
    return found !== undefined && found !== path ? found : undefined;
  }

  // ---- Markdown files ------------------------------------------------------

  /** Parses `text` as the new content of `path` (created or changed). */
  update(path: string, text: string): Affected {
    const affected = this.addPath(path);
    const previous = this.files.get(path);
    const doc = parseMinutes(text);
    const entry: IndexedFile = { path, name: parseFileName(path), doc, targets: [] };
    if (previous) this.unlinkFile(previous);
    this.files.set(path, entry);
    this.voteFor(entry);
    if (this.refreshIdentity()) return { all: true, paths: new Set() };
    this.linkFile(entry);
    affected.paths.add(path);
    if (!previous || anchorsChanged(previous.doc, doc)) this.addLinkersOf(path, affected);
    if (!previous || teamsLinked(previous) !== teamsLinked(entry)) this.weeklyFolderCache = undefined;
    return affected;
  }

  /** Forgets a file or a whole folder that was deleted. */
  delete(path: string): Affected {
    const affected = none();
    const doomed = this.filePaths.has(path) ? [path] : [...this.filePaths].filter((p) => p.startsWith(path + '/'));
    for (const p of doomed) {
      const entry = this.files.get(p);
      if (entry) {
        this.unlinkFile(entry);
        this.files.delete(p);
        this.unvote(p);
        this.weeklyFolderCache = undefined;
      }
      this.removePath(p, affected);
      affected.paths.delete(p);
    }
    if (this.refreshIdentity()) return { all: true, paths: new Set() };
    return affected;
  }

  /** A file moved: its model moves with it (relative links are read anew from its new place). */
  rename(from: string, to: string): Affected {
    const entry = this.files.get(from);
    const affected = this.delete(from);
    if (affected.all) return affected;
    const added = this.addPath(to);
    if (entry) {
      const moved: IndexedFile = { path: to, name: parseFileName(to), doc: entry.doc, targets: [] };
      this.files.set(to, moved);
      this.voteFor(moved);
      if (this.refreshIdentity()) return { all: true, paths: new Set() };
      this.linkFile(moved);
      added.paths.add(to);
      this.weeklyFolderCache = undefined;
    }
    for (const p of added.paths) affected.paths.add(p);
    return affected;
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
    return resolveLink(link.url, fromPath, this.identities);
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
    }
  }

  private unlinkFile(entry: IndexedFile): void {
    for (const t of entry.targets) {
      const set = this.linkedFrom.get(t);
      set?.delete(entry.path);
      if (set && set.size === 0) this.linkedFrom.delete(t);
    }
    entry.targets = [];
  }

  private addLinkersOf(path: string, affected: Affected): void {
    for (const from of this.linkedFrom.get(path) ?? []) affected.paths.add(from);
  }

  // ---- the repository's identity on GitHub --------------------------------

  private voteFor(entry: IndexedFile): void {
    this.unvote(entry.path);
    if (this.options.identity) return;
    const votes = new Map<string, number>();
    for (const link of entry.doc.links) {
      const gh = parseGithubUrl(link.url);
      if (!gh || !gh.mode || !gh.path) continue;
      // Only URLs that name a path this checkout has can be URLs of this repository.
      const path = gh.path.replace(/\/$/, '');
      if (!this.filePaths.has(path) && !this.folders.has(path)) continue;
      const key = `${gh.owner}/${gh.repo}`;
      votes.set(key, (votes.get(key) ?? 0) + 1);
    }
    if (votes.size === 0) return;
    this.votesByFile.set(entry.path, votes);
    for (const [k, n] of votes) this.repoVotes.set(k, (this.repoVotes.get(k) ?? 0) + n);
  }

  private unvote(path: string): void {
    const votes = this.votesByFile.get(path);
    if (!votes) return;
    this.votesByFile.delete(path);
    for (const [k, n] of votes) {
      const left = (this.repoVotes.get(k) ?? 0) - n;
      if (left > 0) this.repoVotes.set(k, left);
      else this.repoVotes.delete(k);
    }
  }

  /** Re-elects the identity; when it changes, every link is resolved anew. Returns whether it changed. */
  private refreshIdentity(): boolean {
    if (this.options.identity) return false;
    let best: string | undefined;
    let bestVotes = 0;
    for (const [k, n] of this.repoVotes) {
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
    for (const entry of this.files.values()) this.linkFile(entry);
    this.weeklyFolderCache = undefined;
    return true;
  }

  // ---- teams and weeks -----------------------------------------------------

  /** The folder of the all-hands weekly: the one whose files link to the most other teams. */
  weeklyFolder(): string | undefined {
    if (this.weeklyFolderCache !== undefined) return this.weeklyFolderCache ?? undefined;
    const reach = new Map<string, Set<string>>();
    for (const entry of this.files.values()) {
      const team = entry.name.team;
      if (!team || !entry.name.date) continue;
      let set = reach.get(team);
      for (const t of entry.targets) {
        const other = topFolder(t);
        if (!other || other === team || !this.files.get(t)?.name.date) continue;
        if (!set) reach.set(team, (set = new Set()));
        set.add(other);
      }
    }
    let best: string | undefined;
    let bestReach = 1;
    for (const [team, set] of reach) {
      if (set.size > bestReach || (set.size === bestReach && best !== undefined && team < best)) {
        best = team;
        bestReach = set.size;
      }
    }
    // A folder that links to a single other team is a pair of teams, not a weekly.
    this.weeklyFolderCache = bestReach >= 2 ? (best ?? null) : null;
    return this.weeklyFolderCache ?? undefined;
  }

  /** Team folders: top-level folders that hold dated minutes. */
  teams(): string[] {
    const teams = new Set<string>();
    for (const entry of this.files.values()) if (entry.name.team && entry.name.date) teams.add(entry.name.team);
    return [...teams].sort();
  }

  /** Dated minutes, oldest first. */
  minutes(): TeamMinutes[] {
    const out: TeamMinutes[] = [];
    for (const entry of this.files.values()) {
      if (entry.name.team && entry.name.date) out.push({ team: entry.name.team, file: entry.path, date: entry.name.date });
    }
    return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.file < b.file ? -1 : 1));
  }

  minutesOfTeam(team: string): TeamMinutes[] {
    return this.minutes().filter((m) => m.team === team);
  }

  /** One entry per ISO week that has dated minutes, oldest first. */
  weeks(): WeekEntry[] {
    const weeklyFolder = this.weeklyFolder();
    const byWeek = new Map<IsoWeek, WeekEntry>();
    for (const m of this.minutes()) {
      const week = isoWeekOf(m.date);
      let entry = byWeek.get(week);
      if (!entry) {
        const start = weekStart(week);
        byWeek.set(week, (entry = { week, start, end: addDays(start, 6), weekly: null, minutes: [] }));
      }
      if (m.team === weeklyFolder && entry.weekly === null) entry.weekly = { file: m.file, date: m.date };
      else entry.minutes.push(m);
    }
    return [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
  }
}

function none(): Affected {
  return { all: false, paths: new Set() };
}

function anchorsChanged(a: MinutesDocument, b: MinutesDocument): boolean {
  if (a.lineCount !== b.lineCount || a.headings.length !== b.headings.length || a.htmlAnchors.length !== b.htmlAnchors.length) return true;
  return a.headings.some((h, i) => h.slug !== b.headings[i].slug) || a.htmlAnchors.some((x, i) => x !== b.htmlAnchors[i]);
}

function teamsLinked(entry: IndexedFile): string {
  return [...new Set(entry.targets.map((t) => topFolder(t) ?? ''))].sort().join(',') + `|${entry.name.team ?? ''}|${entry.name.date ?? ''}`;
}

export { isMarkdownPath };
