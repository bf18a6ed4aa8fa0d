// A warm `minutes check --cache` that reads every file and finds nothing changed reuses the last
// run's findings instead of building the index again. The findings are keyed by a fingerprint of
// everything the rules read: every path in the repository (links to any file), the content hash of
// every Markdown file, the configuration and the git remotes (the repository's identity), the
// command's own arguments and version. Any difference, and the run checks as usual (reading each
// file once: the bytes read for the fingerprint are handed to the index build).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as nodePath from 'node:path';
import { isMarkdownPath } from '../core/paths';
import { CONFIG_FILE } from '../core/config';
import type { MinutesDiagnostic } from '../core/diagnostics';
import type { FileStat, ListOptions, MinutesWorkspace, SkippedEntry, WorkspaceEntry } from '../core/workspace';

const FORMAT = 'minutes-findings-1';
/** At most this many bytes are kept from the fingerprint for the build; the rest is read again. */
const KEEP_BYTES = 64 * 1024 * 1024;

export interface FindingsRecord {
  diagnostics: MinutesDiagnostic[];
  skipped: SkippedEntry[];
  notes: SkippedEntry[];
  /** Markdown files checked. */
  checked: number;
  datedMinutes: number;
}

type Listing = { entries: WorkspaceEntry[]; skipped: SkippedEntry[] };

/**
 * A workspace that hands out, once each, the listing and the bytes the fingerprint already read,
 * so a run whose fingerprint missed does not read the repository twice.
 */
export class ReadOnceWorkspace implements MinutesWorkspace {
  private listing: Listing | undefined;
  private readonly bytes = new Map<string, Uint8Array>();
  private kept = 0;
  readonly name: string;
  constructor(private readonly inner: MinutesWorkspace) {
    this.name = inner.name;
  }

  async list(options?: ListOptions): Promise<Listing> {
    const listing = this.listing;
    this.listing = undefined;
    if (listing && !options?.under && !options?.ignoreFolders) return listing;
    return this.inner.list(options);
  }

  async read(path: string): Promise<Uint8Array> {
    const bytes = this.bytes.get(path);
    if (bytes) {
      this.bytes.delete(path);
      return bytes;
    }
    return this.inner.read(path);
  }

  stat(path: string): Promise<FileStat | undefined> {
    return this.inner.stat(path);
  }

  /** Lists the repository and hashes every input of the rules into one fingerprint. */
  async fingerprint(salt: string): Promise<string> {
    const hash = createHash('sha256').update(FORMAT).update('\0').update(salt).update('\0');
    const listing = await this.inner.list();
    this.listing = listing;
    const entries = [...listing.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const s of listing.skipped) hash.update(`skipped\0${s.path}\0${s.reason}\n`);
    for (const e of entries) {
      hash.update(`${e.type}\0${e.path}\0`);
      if (e.type === 'file' && (isMarkdownPath(e.path) || e.path === CONFIG_FILE)) {
        try {
          const bytes = await this.inner.read(e.path);
          if (this.kept + bytes.length <= KEEP_BYTES) {
            this.bytes.set(e.path, bytes);
            this.kept += bytes.length;
          }
          hash.update(createHash('sha1').update(bytes).digest('hex'));
        } catch (error) {
          hash.update(`unreadable ${(error as { code?: string }).code ?? ''}`);
        }
      }
      hash.update('\n');
    }
    // The git remotes name the repository; .git is not listed.
    try {
      const stat = await this.inner.stat('.git/config');
      if (stat?.type === 'file') hash.update('git-config\0').update(await this.inner.read('.git/config'));
    } catch {
      hash.update('git-config unreadable');
    }
    return hash.digest('hex');
  }
}

/** Where the findings live: beside the parse cache file. */
export function findingsFileOf(parseCacheFile: string): string {
  const dir = nodePath.dirname(parseCacheFile);
  return nodePath.join(dir, `${nodePath.basename(parseCacheFile).replace(/\.json$/i, '')}.findings.json`);
}

export async function loadFindings(file: string, fingerprint: string): Promise<FindingsRecord | undefined> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as { format?: unknown; fingerprint?: unknown; record?: FindingsRecord };
    if (data.format !== FORMAT || data.fingerprint !== fingerprint || !data.record || !Array.isArray(data.record.diagnostics)) return undefined;
    return data.record;
  } catch {
    return undefined;
  }
}

export async function saveFindings(file: string, fingerprint: string, record: FindingsRecord): Promise<void> {
  await fs.mkdir(nodePath.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify({ format: FORMAT, fingerprint, record }));
  await fs.rename(temp, file);
}
