// The one repository index: every file path, a compact model per Markdown file, and what is derived
// from them, updated incrementally (a change to one file re-parses that file only). The index is a
// coordinator: each part under ./index/ keeps one thing up to date as paths and files come and go
// and answers the queries about it; the index tells every part of every change and merges what
// each says it affected.
import { compactDocument, detachDocument, parseMinutes } from './parse';
import { parseFileName } from './paths';
import { compileLayouts, type CompiledLayout, type TeamLayout } from './layout';
import type { LinkTarget, RepoIdentity } from './links';
import type { IsoDate } from './dates';
import type { MinutesDocument, MinutesFileName, MinutesLink } from './model';
import type { MinutesConfig } from './config';
import { all, merge, none, type Affected, type DependencyCollector, type IndexPart, type IndexedFile, type LinkResolver } from './index/part';
import { PathSet } from './index/pathSet';
import { ContentKeys } from './index/contentKeys';
import { IdentityElection } from './index/identityElection';
import { LinkGraph, resolveInRepository, type Backlink } from './index/linkGraph';
import { WeeklyFolders } from './index/weeklyFolders';
import { BranchElection, FALLBACK_BRANCH } from './index/branchElection';
import { TeamCatalogue, type TeamMinutes, type WeekEntry } from './index/teamCatalogue';

export type { Affected, Backlink, DependencyCollector, IndexedFile, TeamMinutes, WeekEntry };
export { dateBound } from './index/teamCatalogue';

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

/** How many path names an index remembers before it starts over (a long session's renames). */
const MAX_REMEMBERED_NAMES = 500_000;

export class MinutesIndex implements LinkResolver {
  private readonly files = new Map<string, IndexedFile>();
  private readonly paths = new PathSet();
  private readonly content = new ContentKeys(this.files);
  private readonly identities: IdentityElection;
  private readonly links: LinkGraph = new LinkGraph(this.files, { resolve: (from, link) => this.resolve(from, link), exists: (path) => this.paths.exists(path), namesakes: (path) => this.paths.namesakes(path) }, (from, target, delta) => this.weekly.linkChanged(from, target, delta));
  private readonly weekly = new WeeklyFolders(this.files, (path) => this.links.linkersOf(path));
  private readonly branch = new BranchElection(this.files, this);
  private readonly catalogue = new TeamCatalogue(this.files);
  /** Every part, told of every change in this order (the link graph before what counts its links). */
  private readonly parts: readonly IndexPart[];
  private readonly compiledLayouts: readonly CompiledLayout[];
  /** The names of paths read so far (the layouts never change for an index); shared, never changed. */
  private readonly names = new Map<string, MinutesFileName>();

  constructor(private readonly options: IndexOptions = {}) {
    this.compiledLayouts = compileLayouts(options.config?.layout ?? []).layouts;
    this.identities = new IdentityElection(options, (path) => this.paths.exists(path));
    this.parts = [this.links, this.weekly, this.content, this.catalogue, this.identities, this.branch];
  }

  get config(): MinutesConfig {
    return this.options.config ?? {};
  }

  // ---- changes -----------------------------------------------------------

  /** Records a file that exists (Markdown or not) without parsing it. */
  addPath(path: string): Affected {
    const appeared = this.paths.add(path);
    if (appeared.length === 0) return none();
    const affected = none();
    for (const [p, kind] of appeared) for (const part of this.parts) merge(affected, part.pathAdded?.(p, kind));
    return this.refreshIdentity() ? all() : affected;
  }

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
    return this.put(path, doc, this.addPath(path));
  }

  /** Forgets a file or a whole folder that was deleted. */
  delete(path: string): Affected {
    const affected = none();
    for (const p of this.paths.filesAt(path)) {
      const file = this.files.get(p);
      if (file) {
        for (const part of this.parts) merge(affected, part.fileRemoved?.(file));
        this.files.delete(p);
      }
      for (const [q, kind] of this.paths.remove(p)) for (const part of this.parts) merge(affected, part.pathRemoved?.(q, kind));
      // The deleted file's own findings go too.
      affected.paths.add(p);
    }
    return this.refreshIdentity() ? all() : affected;
  }

  /** A file moved: its model moves with it (relative links are read anew from its new place). */
  rename(from: string, to: string): Affected {
    const file = this.files.get(from);
    // A move onto an existing file replaces it: forget that one first.
    const replaced = from !== to && this.paths.hasFile(to) ? this.delete(to) : none();
    const affected = this.delete(from);
    merge(affected, replaced.paths);
    const added = file ? this.put(to, file.doc, this.addPath(to)) : this.addPath(to);
    if (replaced.all || affected.all || added.all) return all();
    merge(affected, added.paths);
    return affected;
  }

  /** A model as the content of `path` (already recorded as a path, with what that affected). */
  private put(path: string, doc: MinutesDocument, affected: Affected): Affected {
    const previous = this.files.get(path);
    const file: IndexedFile = { path, name: this.nameOf(path), doc, targets: [] };
    this.files.set(path, file);
    for (const part of this.parts) merge(affected, part.fileAdded?.(file, previous));
    // A new identity relinks every file, this one included.
    if (this.refreshIdentity() || affected.all) return all();
    affected.paths.add(path);
    return affected;
  }

  /** Elects the identity again; when it changes, every link is resolved anew. Returns whether it changed. */
  private refreshIdentity(): boolean {
    if (!this.identities.refresh()) return false;
    this.weekly.clear();
    this.links.relinkAll();
    this.branch.invalidate();
    return true;
  }

  // ---- paths and files ------------------------------------------------------

  /** What a path says about a file: its team, date and role, by the configured layouts and the built-in ones. */
  nameOf(path: string): MinutesFileName {
    const file = this.files.get(path);
    if (file) return file.name;
    // A path's name is asked for several times while it is indexed (listing, adding, counting).
    let name = this.names.get(path);
    if (!name) {
      name = parseFileName(path, this.compiledLayouts);
      if (this.names.size >= MAX_REMEMBERED_NAMES) this.names.clear();
      this.names.set(path, name);
    }
    return name;
  }

  /** Whether a file exists; `deps` collects the path (what an answer derived from this depends on). */
  hasFile(path: string, deps?: DependencyCollector): boolean {
    return this.paths.hasFile(path, deps);
  }

  hasFolder(path: string, deps?: DependencyCollector): boolean {
    return this.paths.hasFolder(path, deps);
  }

  /** The one file elsewhere with the name a missing `path` ends in: where it moved. */
  movedTo(path: string): string | undefined {
    return this.paths.movedTo(path);
  }

  /** The existing path that differs from `path` only in case, if any. */
  caseVariant(path: string): string | undefined {
    return this.paths.caseVariant(path);
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

  // ---- content ---------------------------------------------------------------

  /** Other files with exactly this file's text. */
  identicalTo(path: string): string[] {
    return this.content.identicalTo(path);
  }

  /** Other files whose text differs from this one's only in dates and white space. */
  sameBodyAs(path: string): string[] {
    return this.content.sameBodyAs(path);
  }

  /** Paths of files with this name, anywhere in the repository. */
  filesNamed(name: string): string[] {
    return this.content.filesNamed(name);
  }

  /** Hosts of the pad or upload server: configured, or those whose `/uploads/` images appear in at least three files. */
  padHosts(): Set<string> {
    return this.content.padHosts(this.config.imageHosts ?? []);
  }

  // ---- links -----------------------------------------------------------------

  /** The repository on GitHub whose URLs the files use (configured, elected from the files, or the first git remote). */
  get identity(): RepoIdentity | undefined {
    return this.identities.identity;
  }

  /** Where a link leads; `deps` collects the paths whose existence decided it. */
  resolve(fromPath: string, link: MinutesLink, deps?: DependencyCollector): LinkTarget {
    return resolveInRepository(link.url, fromPath, this.identities.all, (path) => this.paths.exists(path, deps));
  }

  /** Files that link to `path`, with the links. */
  backlinks(path: string): Backlink[] {
    return this.links.backlinks(path);
  }

  /** The default branch git names, else the branch most same-repository URLs name (`main` when none do). */
  defaultBranch(): string {
    if (this.options.defaultBranch) return this.options.defaultBranch;
    const identity = this.identity;
    return identity ? this.branch.elect(identity) : FALLBACK_BRANCH;
  }

  // ---- teams and weeks ---------------------------------------------------------

  /** Folders of all-hands weeklies: configured, or those whose files link to the most other teams' minutes. */
  weeklyFolders(): string[] {
    return this.config.weeklyFolder ? [this.config.weeklyFolder] : this.weekly.folders();
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
    return this.catalogue.teams();
  }

  /** Dated minutes, oldest first. */
  minutes(): readonly TeamMinutes[] {
    return this.catalogue.minutes();
  }

  /** One team's dated minutes, oldest first (the same list until the team's minutes change). */
  minutesOfTeam(team: string): readonly TeamMinutes[] {
    return this.catalogue.minutesOfTeam(team);
  }

  /** One team's dated minutes from `from` to `to` (inclusive), oldest first. */
  minutesOfTeamBetween(team: string, from: IsoDate, to: IsoDate): TeamMinutes[] {
    return this.catalogue.minutesOfTeamBetween(team, from, to);
  }

  /** Per team, the forms its dated files' paths take (learned from the files, or the configured patterns). */
  layouts(): TeamLayout[] {
    return this.catalogue.layouts();
  }

  /** Agendas, slides and logs of meetings, oldest first. */
  companionFiles(): TeamMinutes[] {
    return this.catalogue.companionFiles();
  }

  /** One entry per ISO week that has dated minutes, oldest first (an agenda, slides or log goes with its meeting's minutes). */
  weeks(): WeekEntry[] {
    return this.catalogue.weeks(this.weeklyFolders());
  }
}
