// A warm `minutes check --cache` that reads every file and finds nothing changed reuses the last
// run's findings instead of building the index again. The findings are keyed by a fingerprint of
// everything the rules read: every path in the repository (links to any file), the content hash of
// every Markdown file, the configuration and the git remotes (the repository's identity), the
// command's own arguments and version. Any difference, and the run checks as usual (reading each
// file once: the bytes read for the fingerprint are handed to the index build).
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { isMarkdownPath } from '../core/paths';
import { CONFIG_FILE } from '../core/config';
import { GIT_BRANCH_FILES, MAX_CONFIG_SIZE } from '../core/build';
import type { MinutesDiagnostic } from '../core/diagnostics';
import type { FileStat, ListOptions, MinutesWorkspace, ReadOptions, SkippedEntry, WorkspaceEntry } from '../core/workspace';
import { asciiJson, type ParseCache } from './parallel';

const FORMAT = 'minutes-findings-1';
/** At most this many bytes are kept from the fingerprint for the build; the rest is read again. */
const KEEP_BYTES = 64 * 1024 * 1024;
/** Files read ahead of the one being hashed, and their listed bytes at most (one file may be larger). */
const READ_AHEAD = 16;
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

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

  async read(path: string, options?: ReadOptions): Promise<Uint8Array> {
    const bytes = this.bytes.get(path);
    if (bytes && (options?.maxBytes === undefined || bytes.length <= options.maxBytes)) {
      this.bytes.delete(path);
      return bytes;
    }
    return this.inner.read(path, options);
  }

  readLinkedGitConfig(maxBytes: number): Promise<Uint8Array | undefined> {
    return this.inner.readLinkedGitConfig?.(maxBytes) ?? Promise.resolve(undefined);
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
    const read = (e: WorkspaceEntry) => e.type === 'file' && (isMarkdownPath(e.path) || e.path === CONFIG_FILE);
    // Read a few files ahead (each read is several round trips to the disk), hashed in order.
    // At most READ_AHEAD files and READ_AHEAD_BYTES (by their listed sizes) are in flight.
    const toRead = entries.filter(read);
    const reads = new Map<string, { bytes: Promise<Uint8Array>; size: number }>();
    let next = 0;
    let inFlight = 0;
    const readAhead = () => {
      for (; next < toRead.length && reads.size < READ_AHEAD; next++) {
        const size = Math.max(toRead[next].size, 0);
        if (reads.size > 0 && inFlight + size > READ_AHEAD_BYTES) break;
        const bytes = this.inner.read(toRead[next].path);
        bytes.catch(() => undefined);
        reads.set(toRead[next].path, { bytes, size });
        inFlight += size;
      }
    };
    for (const e of entries) {
      hash.update(`${e.type}\0${e.path}\0`);
      if (read(e)) {
        readAhead();
        const ahead = reads.get(e.path);
        reads.delete(e.path);
        inFlight -= ahead?.size ?? 0;
        const bytesRead = ahead?.bytes ?? this.inner.read(e.path);
        try {
          const bytes = await bytesRead;
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
    // The git remotes and default branch name the repository; .git is not listed.
    for (const file of GIT_INPUTS) {
      try {
        const stat = await this.inner.stat(file);
        if (stat?.type === 'file') hash.update(`${file}\0`).update(await this.inner.read(file, { maxBytes: GIT_INPUT_MAX }));
      } catch {
        hash.update(`${file} unreadable`);
      }
    }
    try {
      const linked = await this.inner.readLinkedGitConfig?.(GIT_INPUT_MAX);
      if (linked) hash.update('linked git config\0').update(linked);
    } catch {
      hash.update('linked git config unreadable');
    }
    return hash.digest('hex');
  }
}

/** The files of `.git` that the index reads: remotes (identity) and the default branch. */
const GIT_INPUTS = ['.git/config', ...GIT_BRANCH_FILES];
const GIT_INPUT_MAX = MAX_CONFIG_SIZE;
/** The findings file is untrusted input too (a repository or a restored CI cache can carry it). */
const MAX_FINDINGS_BYTES = 256 * 1024 * 1024;
const FINDINGS_PREFIX = `{"format":"${FORMAT}"`;

/** Where the findings live: beside the parse cache file. */
export function findingsFileOf(parseCacheFile: string): string {
  const dir = nodePath.dirname(parseCacheFile);
  return nodePath.join(dir, `${nodePath.basename(parseCacheFile).replace(/\.json$/i, '')}.findings.json`);
}

/** The last run's findings when their fingerprint is this one and every field reads back as it should. */
export async function loadFindings(cache: ParseCache, fingerprint: string): Promise<FindingsRecord | undefined> {
  try {
    const text = await cache.readBeside(findingsFileOf(cache.file), MAX_FINDINGS_BYTES);
    if (text === undefined) return undefined;
    const data = JSON.parse(text) as unknown;
    if (!isObject(data) || data.format !== FORMAT || data.fingerprint !== fingerprint) return undefined;
    return recordOf(data.record);
  } catch {
    return undefined;
  }
}

export async function saveFindings(cache: ParseCache, fingerprint: string, record: FindingsRecord): Promise<void> {
  await cache.writeBeside(findingsFileOf(cache.file), asciiJson({ format: FORMAT, fingerprint, record }), FINDINGS_PREFIX);
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function positionOf(value: unknown): { line: number; character: number } | undefined {
  return isObject(value) && isCount(value.line) && isCount(value.character) ? { line: value.line, character: value.character } : undefined;
}

function entriesOf(value: unknown): SkippedEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: SkippedEntry[] = [];
  for (const e of value) {
    if (!isObject(e) || typeof e.path !== 'string' || typeof e.reason !== 'string') return undefined;
    out.push({ path: e.path, reason: e.reason });
  }
  return out;
}

/** A record rebuilt field by field (prototype-free of anything else), or undefined when any field is off. */
function recordOf(value: unknown): FindingsRecord | undefined {
  if (!isObject(value) || !Array.isArray(value.diagnostics) || !isCount(value.checked) || !isCount(value.datedMinutes)) return undefined;
  const skipped = entriesOf(value.skipped);
  const notes = entriesOf(value.notes);
  if (!skipped || !notes) return undefined;
  const diagnostics: MinutesDiagnostic[] = [];
  for (const d of value.diagnostics) {
    if (!isObject(d) || typeof d.path !== 'string' || typeof d.rule !== 'string' || typeof d.message !== 'string' || typeof d.severity !== 'string') return undefined;
    if (!SEVERITIES.has(d.severity) || !isObject(d.range)) return undefined;
    const start = positionOf(d.range.start);
    const end = positionOf(d.range.end);
    if (!start || !end) return undefined;
    diagnostics.push({ path: d.path, range: { start, end }, rule: d.rule, severity: d.severity as MinutesDiagnostic['severity'], message: d.message });
  }
  return { diagnostics, skipped, notes, checked: value.checked, datedMinutes: value.datedMinutes };
}
