// Keys of content: files with the same text, the same body, the same name, and the hosts of the
// pad images they show, each one look-up away.
import { basename } from '../paths';
import { PathsByKey, type IndexPart, type IndexedFile, type PathKind } from './part';

/** Images from an upload server (`https://pad.example.org/uploads/…`), by host. */
export function uploadHostOf(url: string): string | undefined {
  const m = /^https?:\/\/([^/?#]+)(\/[^?#]*)/i.exec(url);
  return m && /\/uploads?\//i.test(m[2]) ? m[1].toLowerCase() : undefined;
}

/** A server the team uses habitually shows its uploads in at least this many files (not a one-off blog picture). */
export const PAD_HOST_MIN_FILES = 3;

export class ContentKeys implements IndexPart {
  private readonly byHash = new PathsByKey();
  private readonly byBodyHash = new PathsByKey();
  private readonly byBasename = new PathsByKey();
  private readonly uploadHosts = new PathsByKey();

  constructor(private readonly files: ReadonlyMap<string, IndexedFile>) {}

  pathAdded(path: string, kind: PathKind): void {
    if (kind === 'file') this.byBasename.add(basename(path), path);
  }

  pathRemoved(path: string, kind: PathKind): void {
    if (kind === 'file') this.byBasename.delete(basename(path), path);
  }

  /** Files that shared the old body or share the new one may change their duplicate findings. */
  fileAdded(file: IndexedFile, previous: IndexedFile | undefined): string[] {
    const affected = previous ? this.fileRemoved(previous) : [];
    this.byHash.add(file.doc.hash, file.path);
    this.byBodyHash.add(file.doc.bodyHash, file.path);
    for (const p of this.byBodyHash.get(file.doc.bodyHash)) if (p !== file.path) affected.push(p);
    for (const host of uploadHostsIn(file)) this.uploadHosts.add(host, file.path);
    return affected;
  }

  fileRemoved(file: IndexedFile): string[] {
    this.byHash.delete(file.doc.hash, file.path);
    this.byBodyHash.delete(file.doc.bodyHash, file.path);
    for (const host of uploadHostsIn(file)) this.uploadHosts.delete(host, file.path);
    return [...this.byBodyHash.get(file.doc.bodyHash)];
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

  /** Hosts of the pad or upload server: the configured ones, and those whose uploads appear in enough files. */
  padHosts(configured: readonly string[]): Set<string> {
    const hosts = new Set(configured.map((h) => h.toLowerCase()));
    for (const host of this.uploadHosts.keys()) if (this.uploadHosts.get(host).size >= PAD_HOST_MIN_FILES) hosts.add(host);
    return hosts;
  }
}

function uploadHostsIn(file: IndexedFile): Set<string> {
  const hosts = new Set<string>();
  for (const link of file.doc.links) {
    const host = link.image ? uploadHostOf(link.url) : undefined;
    if (host) hosts.add(host);
  }
  return hosts;
}
