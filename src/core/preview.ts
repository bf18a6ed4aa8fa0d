// The open file first: its findings from the listing and its own parse, before the index is built.
// A partial index (every listed path, one parsed file) answers only what it knows for sure: a link
// to a file that exists or not, a heading of the file itself. Whatever needs the other files'
// content (a fragment into another file, conventions, duplicates, the weekly's team links, the
// repository's identity elected from the files' URLs) stays silent until the full index exists.
import { MinutesIndex } from './index';
import { checkFile } from './check';
import type { MinutesDiagnostic } from './diagnostics';
import type { MinutesConfig } from './config';
import { repositoryOf } from './config';
import { resolveLink, type RepoIdentity } from './links';
import type { MinutesDocument } from './model';

/** Rules whose findings the partial index decides exactly as the full one. */
export const PREVIEW_RULES: readonly string[] = ['broken-link', 'empty-link', 'markup', 'front-matter'];

export interface PreviewListing {
  /** Every file path the listing found (Markdown or not). */
  files: Iterable<string>;
  config: MinutesConfig;
  /** The git remotes (and host-known identities) of the repository: never elected from the files. */
  remotes: RepoIdentity[];
}

/** A partial index over the listing: paths only, to which the open files are added one by one. */
export class PreviewIndex {
  private readonly index: MinutesIndex;
  /** The identities the full index has whatever the files say: the configured repository and the git remotes. */
  private readonly trusted: RepoIdentity[];

  constructor(listing: PreviewListing) {
    const identity = repositoryOf(listing.config);
    this.trusted = [...(identity ? [identity] : []), ...listing.remotes];
    this.index = new MinutesIndex({ identity, remotes: listing.remotes, config: listing.config });
    for (const path of listing.files) this.index.addPath(path);
  }

  /** The findings of one file, from its text (or its parsed model) and the listing. */
  check(path: string, content: string | MinutesDocument): MinutesDiagnostic[] {
    if (typeof content === 'string') this.index.update(path, content, true);
    else this.index.updateParsed(path, content);
    const file = this.index.get(path);
    if (!file) return [];
    // A GitHub URL counts as this repository's here only by the configured repository or a git
    // remote: the identity the full index elects from every file's URLs is not known yet.
    const undecided = new Set<string>();
    for (const link of file.doc.links) {
      const target = this.index.resolve(path, link);
      if (target.kind === 'internal' && target.via === 'github' && resolveLink(link.url, path, this.trusted).kind !== 'internal') undecided.add(rangeKey(link.range));
    }
    const findings = checkFile(this.index, path, { rules: PREVIEW_RULES });
    return findings.filter((f) => !(f.rule === 'broken-link' && undecided.has(rangeKey(f.range))));
  }
}

function rangeKey(range: { start: { line: number; character: number } }): string {
  return `${range.start.line}:${range.start.character}`;
}
