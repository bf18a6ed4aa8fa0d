// The link graph: which files link to each path (whether or not it exists), kept as files change.
import { resolveLink, type LinkTarget, type RepoIdentity } from '../links';
import type { MinutesDocument, MinutesLink } from '../model';
import type { IndexPart, IndexedFile, LinkResolver, PathKind } from './part';
import { nameKey } from './pathSet';
import { parseFileName } from '../paths';

export interface Backlink {
  from: string;
  link: MinutesLink;
}

/** Hears each link from a file to a target path as it starts (+1) or stops (-1) counting. */
export type LinkListener = (from: IndexedFile, target: string, delta: 1 | -1) => void;

export class LinkGraph implements IndexPart {
  /** Target path → Markdown files that link to it. */
  private readonly linkedFrom = new Map<string, Set<string>>();
  /** A target's name ({@link nameKey}) → the targets of that name: a file of that name coming or going changes their "moved to" suggestion. */
  private readonly targetsByName = new Map<string, Set<string>>();

  constructor(
    private readonly files: ReadonlyMap<string, IndexedFile>,
    private readonly resolver: Pick<LinkResolver, 'resolve'> & { exists(path: string): boolean; namesakes(path: string): readonly string[] },
    private readonly listener: LinkListener,
  ) {}

  /** Links to a path that comes or goes change their findings, and so do links to a missing file of its name (where it moved). */
  pathAdded(path: string, kind?: PathKind): Iterable<string> {
    return this.affectedBy(path, kind);
  }

  pathRemoved(path: string, kind?: PathKind): Iterable<string> {
    return this.affectedBy(path, kind);
  }

  /**
   * The linkers of `path`, and of the missing targets of its name whose "moved to" suggestion the
   * change can turn: only while at most two files have the name (the suggestion needs exactly one),
   * and for dated minutes only in a team one of those files is in (`ops/20230426.md` never moved to `iaas/`).
   */
  private affectedBy(path: string, kind: PathKind | undefined): Iterable<string> {
    const named = kind === 'folder' ? undefined : this.targetsByName.get(nameKey(path));
    if (!named || (named.size === 1 && named.has(path))) return this.linkersOf(path);
    const namesakes = this.resolver.namesakes(path);
    if (namesakes.length > 2) return this.linkersOf(path);
    const teams = new Set([path, ...namesakes].map((p) => parseFileName(p).team));
    const out = new Set(this.linkersOf(path));
    for (const t of named) {
      if (t === path || this.resolver.exists(t)) continue;
      const dated = parseFileName(t);
      if (dated.date && !teams.has(dated.team)) continue;
      for (const from of this.linkersOf(t)) out.add(from);
    }
    return out;
  }

  /** A new file, or one whose headings changed, changes the findings of the links to it. */
  fileAdded(file: IndexedFile, previous: IndexedFile | undefined): Iterable<string> | void {
    if (previous) this.unlink(previous);
    this.link(file);
    if (!previous || anchorsChanged(previous.doc, file.doc)) return this.linkersOf(file.path);
  }

  fileRemoved(file: IndexedFile): void {
    this.unlink(file);
  }

  /** Resolves every file's links anew (the repository's identity changed). */
  relinkAll(): void {
    this.linkedFrom.clear();
    this.targetsByName.clear();
    for (const file of this.files.values()) this.link(file);
  }

  /** Files with a link to `path`. */
  linkersOf(path: string): ReadonlySet<string> {
    return this.linkedFrom.get(path) ?? NOBODY;
  }

  /** Files that link to `path`, with the links. */
  backlinks(path: string): Backlink[] {
    const out: Backlink[] = [];
    for (const from of this.linkersOf(path)) {
      const file = this.files.get(from);
      if (!file) continue;
      for (const link of file.doc.links) {
        const t = this.resolver.resolve(from, link);
        if (t.kind === 'internal' && t.path === path) out.push({ from, link });
      }
    }
    return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }

  private link(file: IndexedFile): void {
    const targets = new Set<string>();
    for (const link of file.doc.links) {
      const t = this.resolver.resolve(file.path, link);
      if (t.kind === 'internal') targets.add(t.path);
    }
    file.targets = [...targets];
    for (const t of targets) {
      let set = this.linkedFrom.get(t);
      if (!set) {
        this.linkedFrom.set(t, (set = new Set()));
        const key = nameKey(t);
        let named = this.targetsByName.get(key);
        if (!named) this.targetsByName.set(key, (named = new Set()));
        named.add(t);
      }
      set.add(file.path);
      this.listener(file, t, 1);
    }
  }

  private unlink(file: IndexedFile): void {
    for (const t of file.targets) {
      const set = this.linkedFrom.get(t);
      set?.delete(file.path);
      if (set && set.size === 0) {
        this.linkedFrom.delete(t);
        const named = this.targetsByName.get(nameKey(t));
        named?.delete(t);
        if (named?.size === 0) this.targetsByName.delete(nameKey(t));
      }
      this.listener(file, t, -1);
    }
    file.targets = [];
  }
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Resolves a link of this repository. `blob/feature/x/iaas/…` may name branch `feature/x`: when the
 * path does not exist, leading segments move into the branch name until one does.
 */
export function resolveInRepository(url: string, fromPath: string, identities: readonly RepoIdentity[], exists: (path: string) => boolean): LinkTarget {
  const target = resolveLink(url, fromPath, identities);
  if (target.kind === 'internal' && target.via === 'github' && target.branch && !exists(target.path)) {
    const segments = target.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const rest = segments.slice(i).join('/');
      if (exists(rest)) return { ...target, path: rest, branch: [target.branch, ...segments.slice(0, i)].join('/') };
    }
  }
  return target;
}

/** Whether what links into a file can reach changed: its headings, HTML anchors or line count. */
export function anchorsChanged(a: MinutesDocument, b: MinutesDocument): boolean {
  if (a.lineCount !== b.lineCount || a.headings.length !== b.headings.length || a.htmlAnchors.length !== b.htmlAnchors.length) return true;
  return a.headings.some((h, i) => h.slug !== b.headings[i].slug) || a.htmlAnchors.some((x, i) => x !== b.htmlAnchors[i]);
}
