// Builds the index from a workspace: list every path, then read, decode and parse Markdown
// files one at a time (nothing but the compact model is kept), skipping what cannot be minutes.
import { MinutesIndex } from './index';
import { decodeUtf8, looksBinary } from './text';
import { isMarkdownPath } from './paths';
import { remotesFromGitConfig, defaultBranchFromGit } from './gitConfig';
import { CONFIG_FILE, ignoreMatcher, parseConfig, repositoryOf, type MinutesConfig } from './config';
import { allRules } from './rules/index';
import { describeError, type Cancellation, type MinutesWorkspace, type SkippedEntry } from './workspace';
import type { RepoIdentity } from './links';
import type { MinutesDocument } from './model';

/** Real minutes are tens of kilobytes; anything near this is not minutes, and parsing it would stall. */
const RULE_IDS = allRules.map((r) => r.id);

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export interface BuildOptions {
  /** The repository on GitHub, when configured; otherwise inferred from the URLs the files use. */
  identity?: RepoIdentity;
  maxFileSize?: number;
  signal?: Cancellation;
  /** Called after each Markdown file, for progress reports. */
  onProgress?: (done: number, total: number) => void;
  /** Lets the host breathe between files (the extension host must never block long). */
  yieldEvery?: { ms: number; yield: () => Promise<void> };
  ignoreFolders?: ReadonlySet<string>;
  /** Configuration text to use instead of the repository's `.minutes.jsonc` (the CLI's `--config`). */
  configText?: string;
  /** Parses elsewhere (worker threads, a cache); parseMinutes on this thread when absent. */
  parse?: (path: string, text: string) => Promise<MinutesDocument>;
  /** Repositories known to be this one besides its git remotes (github.dev: the workspace's own URI). */
  remotes?: RepoIdentity[];
  /**
   * Called once the listing is known, before any file is read (the open file first); the build
   * waits for it.
   */
  onListed?: (listing: Listed) => Promise<void> | void;
}

/** What the listing found, before any file is read. */
export interface Listed {
  /** Every file path (Markdown or not). */
  files: string[];
  config: MinutesConfig;
  remotes: RepoIdentity[];
  ignored: (path: string) => boolean;
  /** Paths named like dated minutes (`team/YYYYMMDD.md`); none: not a minutes repository. */
  datedPaths: number;
}

export interface BuildResult {
  index: MinutesIndex;
  config: MinutesConfig;
  /** Files that were not indexed, with the reason. */
  skipped: SkippedEntry[];
  /** Files that were indexed but have something the user should know (invalid UTF-8). */
  notes: SkippedEntry[];
  markdownFiles: number;
  datedMinutes: number;
}

export type FileLoad =
  | { ok: true; text: string; invalidUtf8: boolean }
  | { ok: false; reason: string };

/** Reads one Markdown file, or says why it cannot be indexed. */
export async function loadMarkdown(workspace: MinutesWorkspace, path: string, size: number | undefined, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<FileLoad> {
  // A size the listing did not give is not asked for first: the read refuses a file over the limit and says its size.
  const tooBig = (size: number | undefined) => ({ ok: false as const, reason: `larger than ${formatSize(maxFileSize)}${size !== undefined ? ` (${formatSize(size)})` : ''}; not indexed` });
  if (size !== undefined && size > maxFileSize) return tooBig(size);
  let bytes: Uint8Array;
  try {
    bytes = await workspace.read(path, { maxBytes: maxFileSize });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ETOOBIG') {
      const found = (error as { size?: unknown }).size;
      return tooBig(typeof found === 'number' && found > maxFileSize ? found : undefined);
    }
    if ((error as { code?: unknown } | null)?.code === 'ENOTREG') return { ok: false, reason: 'not a regular file (a pipe or a device); not read' };
    return { ok: false, reason: `could not be read (${describeError(error)})` };
  }
  if (bytes.length > maxFileSize) return tooBig(bytes.length);
  if (looksBinary(bytes)) return { ok: false, reason: 'binary content (NUL bytes), not a text file' };
  const decoded = decodeUtf8(bytes);
  if (nestsDeeperThan(decoded.text, MAX_NESTING)) return { ok: false, reason: `lists or quotes nested more than ${MAX_NESTING} levels deep; not indexed` };
  return { ok: true, text: decoded.text, invalidUtf8: decoded.invalidUtf8 };
}

/** Minutes nest a handful of levels; thousands only stall the Markdown parser (its cost grows with the square of the depth). */
export const MAX_NESTING = 100;

/**
 * Whether a line starts with more than `max` list and quote markers. Each marker takes two
 * characters or more (`-` and a space, `1.` and a space, `>` and a space; the last may end the
 * line), so only a line whose first 2 × max + 1 characters are all marker characters can; the
 * others are passed over after a few characters, and only those few are counted marker by marker.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  const marker = /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]+|$))+/;
  const need = 2 * max + 1;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && i - start < need && isMarkerChar(text.charCodeAt(i))) i++;
    if (i - start >= need) {
      const m = marker.exec(text.slice(start, Math.min(end, start + 8 * (max + 1))));
      if (m && (m[0].match(/[-*+>]|\d{1,9}[.)]/g) ?? []).length > max) return true;
    }
    start = end + 1;
  }
  return false;
}

/** A space, a tab, a digit or one of `-*+>.)`: what a line's list and quote markers are made of. */
function isMarkerChar(c: number): boolean {
  return c === 32 || c === 9 || c === 45 || c === 42 || c === 43 || c === 62 || c === 46 || c === 41 || (c >= 48 && c <= 57);
}

export async function buildIndex(workspace: MinutesWorkspace, options: BuildOptions = {}): Promise<BuildResult> {
  // git's few small files, the configuration and the listing are asked for at once: in an editor
  // that is starting, each answer waits its turn behind other work, so one wait beats five in a row.
  const [gitRemotes, gitBranch, read, listing] = await Promise.all([
    readGitRemotes(workspace),
    readGitDefaultBranch(workspace),
    options.configText !== undefined ? parseConfig(options.configText, RULE_IDS) : readConfig(workspace),
    workspace.list({ signal: options.signal, ignoreFolders: options.ignoreFolders }),
  ]);
  const remotes = [...gitRemotes, ...(options.remotes ?? [])];
  const notes: SkippedEntry[] = [];
  const { config, errors } = read;
  for (const e of errors) notes.push({ path: CONFIG_FILE, reason: e });
  const index = new MinutesIndex({ identity: options.identity ?? repositoryOf(config), remotes, config, defaultBranch: gitBranch });
  const ignored = ignoreMatcher(config.ignore);
  const skipped = [...listing.skipped];
  const markdown: Array<{ path: string; size: number }> = [];
  // What onListed is told, gathered in the same pass.
  const files: string[] = [];
  let datedPaths = 0;
  let lastYield = Date.now();
  for (let i = 0; i < listing.entries.length; i++) {
    const entry = listing.entries[i];
    if (options.yieldEvery && (i & 63) === 0 && Date.now() - lastYield >= options.yieldEvery.ms) {
      await options.yieldEvery.yield();
      lastYield = Date.now();
    }
    if (entry.type !== 'file') continue;
    index.addPath(entry.path);
    if (options.onListed) files.push(entry.path);
    if (isMarkdownPath(entry.path) && !ignored(entry.path)) {
      markdown.push({ path: entry.path, size: entry.size });
      if (options.onListed) {
        const name = index.nameOf(entry.path);
        if (name.team && name.date && !name.role) datedPaths++;
      }
    }
  }
  if (options.onListed) await options.onListed({ files, config, remotes, ignored, datedPaths });
  // Without a single dated minutes file the Markdown is still read: its links are checked all the same.
  markdown.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let datedMinutes = 0;
  lastYield = Date.now();
  // Reads (and parses, when a parser runs elsewhere) go a few files ahead, so the disk, the
  // parsers and this thread overlap.
  const parse = options.parse;
  const ahead = parse ? 64 : 16;
  type Loaded = FileLoad & { doc?: MinutesDocument; parseError?: unknown };
  const loads: Array<Promise<Loaded> | undefined> = [];
  const startLoad = (i: number) => {
    if (i >= markdown.length) return;
    const load = loadMarkdown(workspace, markdown[i].path, markdown[i].size, options.maxFileSize);
    loads[i] = parse
      ? load.then(async (l): Promise<Loaded> => {
          if (!l.ok) return l;
          try {
            return { ...l, doc: await parse(markdown[i].path, l.text) };
          } catch (parseError) {
            return { ...l, parseError };
          }
        })
      : load;
  };
  for (let i = 0; i < Math.min(ahead, markdown.length); i++) startLoad(i);
  for (let i = 0; i < markdown.length; i++) {
    if (options.signal?.aborted) throw new Error('indexing was cancelled');
    const { path } = markdown[i];
    const load = await loads[i]!;
    loads[i] = undefined;
    startLoad(i + ahead);
    if (!load.ok) {
      skipped.push({ path, reason: load.reason });
    } else {
      if (load.invalidUtf8) notes.push({ path, reason: 'not valid UTF-8; invalid bytes were read as U+FFFD' });
      try {
        if (load.parseError) throw load.parseError;
        if (load.doc) index.updateParsed(path, load.doc);
        else index.update(path, load.text, true);
        const name = index.nameOf(path);
        if (name.team && name.date && !name.role) datedMinutes++;
      } catch (error) {
        // A parser that gives its own reason (over its time budget) says why the file is skipped.
        const own = (error as { skipReason?: unknown } | null)?.skipReason;
        skipped.push({ path, reason: typeof own === 'string' ? own : `could not be parsed (${describeError(error)})` });
      }
    }
    options.onProgress?.(i + 1, markdown.length);
    if (options.yieldEvery && Date.now() - lastYield >= options.yieldEvery.ms) {
      await options.yieldEvery.yield();
      lastYield = Date.now();
    }
  }
  return { index, config, skipped, notes, markdownFiles: markdown.length, datedMinutes };
}

/** The configuration and git files are small; anything larger is not read. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

export async function readConfig(workspace: MinutesWorkspace): Promise<{ config: MinutesConfig; errors: string[] }> {
  const stat = await workspace.stat(CONFIG_FILE);
  if (!stat) return { config: {}, errors: [] };
  if (stat.type === 'directory') return { config: {}, errors: [] };
  if (stat.type !== 'file') return { config: {}, errors: [`${CONFIG_FILE} is not a regular file (a pipe or a device); ignored`] };
  if (stat.size > MAX_CONFIG_SIZE) return { config: {}, errors: [`${CONFIG_FILE} is larger than 1 MB; ignored`] };
  try {
    return parseConfig(decodeUtf8(await workspace.read(CONFIG_FILE, { maxBytes: MAX_CONFIG_SIZE })).text, RULE_IDS);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ETOOBIG') return { config: {}, errors: [`${CONFIG_FILE} is larger than 1 MB; ignored`] };
    return { config: {}, errors: [`${CONFIG_FILE} could not be read (${describeError(error)})`] };
  }
}

export async function readGitRemotes(workspace: MinutesWorkspace): Promise<RepoIdentity[]> {
  try {
    const config = await workspace.stat('.git/config');
    if (config) {
      if (config.type !== 'file' || config.size > MAX_CONFIG_SIZE) return [];
      return remotesFromGitConfig(decodeUtf8(await workspace.read('.git/config', { maxBytes: MAX_CONFIG_SIZE })).text);
    }
    // A worktree or a submodule: `.git` is a file naming the git folder (see SECURITY.md for how far it is followed).
    const bytes = await workspace.readLinkedGitConfig?.(MAX_CONFIG_SIZE);
    return bytes ? remotesFromGitConfig(decodeUtf8(bytes).text) : [];
  } catch {
    return [];
  }
}

/**
 * The default branch as git knows it: the remote's `HEAD` (`refs/remotes/origin/HEAD`, which a clone
 * sets), else the branch checked out (`.git/HEAD`), else the one of `main`/`master` that the packed
 * remote refs hold. Undefined when git says nothing (then the links' votes decide).
 */
/** The files of git's that say its default branch: read, besides `.git/config`, outside the listing. */
export const GIT_BRANCH_FILES = ['.git/refs/remotes/origin/HEAD', '.git/refs/remotes/upstream/HEAD', '.git/HEAD', '.git/packed-refs'] as const;

/**
 * The branch checked out is the default branch only when it has a default's name: a clone working on
 * a topic branch (or CI checking a pull request's branch) must not make `main` links "another branch".
 */
const CONVENTIONAL_DEFAULT = /^ref:\s*refs\/heads\/(?:main|master|trunk|develop|default)\s*$/;

export async function readGitDefaultBranch(workspace: MinutesWorkspace): Promise<string | undefined> {
  const small = async (path: string): Promise<string | undefined> => {
    try {
      const stat = await workspace.stat(path);
      if (!stat || stat.type !== 'file' || stat.size > MAX_CONFIG_SIZE) return undefined;
      return decodeUtf8(await workspace.read(path, { maxBytes: MAX_CONFIG_SIZE })).text;
    } catch {
      return undefined;
    }
  };
  const [origin, upstream, head, packedRefs] = await Promise.all(GIT_BRANCH_FILES.map(small));
  return defaultBranchFromGit({
    remoteHeads: [origin, upstream],
    head: head && CONVENTIONAL_DEFAULT.test(head.trim()) ? head : undefined,
    packedRefs,
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
