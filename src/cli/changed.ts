// `minutes check --changed-since <ref>` and `--changed`: which files a change (a pull request, the
// working tree) touched, read from git, and every file whose findings it can change, found by
// replaying the change on the index: the index is taken back to the base's content of the changed
// files and forward again, and every file either step reports as affected is checked.
// git runs as a child process with fixed arguments (never a shell) and a time-out.
import { execFile } from 'node:child_process';
import { CONFIG_FILE, ignoreMatcher } from '../core/config';
import { decodeUtf8, looksBinary } from '../core/text';
import { dirname, isMarkdownPath, parseFileName } from '../core/paths';
import { addDays } from '../core/dates';
import { DEFAULT_MAX_FILE_SIZE, MAX_NESTING, nestsDeeperThan, type BuildResult } from '../core/build';
import type { Affected, MinutesIndex } from '../core/index';
import type { MinutesDocument } from '../core/model';

/** A change between the base and the working tree, paths relative to the checked folder. */
export type GitChange =
  | { status: 'added'; path: string }
  | { status: 'modified'; path: string }
  | { status: 'deleted'; path: string }
  | { status: 'renamed'; from: string; path: string; edited: boolean };

export interface ChangeSet {
  /** The commit compared against (the merge base with the given ref, or HEAD). */
  base: string;
  changes: GitChange[];
}

export class GitError extends Error {}

const GIT_TIMEOUT_MS = 30_000;

function git(cwd: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8', input?: string): Promise<string | Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      // A repository's git configuration can name a program git runs (core.fsmonitor): never that one.
      ['-c', 'core.fsmonitor=false', ...args],
      { cwd, encoding, timeout: GIT_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error) {
          const err = error as NodeJS.ErrnoException & { killed?: boolean };
          const reason = err.code === 'ENOENT' ? 'git is not installed (or not on the PATH)' : err.killed ? `git ${args[0]} took longer than ${GIT_TIMEOUT_MS / 1000} s` : String(stderr).trim().split('\n')[0] || err.message;
          reject(new GitError(reason));
        } else resolve(stdout);
      },
    );
    // A process that exits before reading its input closes the pipe: its exit code tells what happened.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

type Settled<T> = { value: T } | { error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

const DIFF = ['diff', '--name-status', '-z', '-M', '--relative', '--no-ext-diff', '--no-textconv'];

/**
 * The files changed in the working tree of `root` since `ref` (its merge base with HEAD, as a pull
 * request compares), or since HEAD when `ref` is undefined: committed, staged, unstaged and
 * untracked (not ignored) changes alike.
 */
export async function changedSince(root: string, ref: string | undefined): Promise<ChangeSet> {
  if (ref !== undefined && (ref === '' || ref.startsWith('-'))) throw new GitError(`"${ref}" is not a git revision`);
  const target = ref ?? 'HEAD';
  // Every question at once: each is a process of its own, and none waits for another's answer (the
  // diff finds the merge base itself, as `merge-base` does beside it). Their errors are read in order.
  const inside = settle(git(root, ['rev-parse', '--is-inside-work-tree']));
  const verified = settle(git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${target}^{commit}`]));
  const mergeBase = ref === undefined ? undefined : settle(git(root, ['merge-base', target, 'HEAD']));
  // Since git 2.30, `--merge-base` diffs against the merge base of the revision and HEAD.
  const quickDiff = settle(git(root, [...DIFF, ...(ref === undefined ? [target] : ['--merge-base', target]), '--']));
  const untrackedFiles = settle(git(root, ['ls-files', '--others', '--exclude-standard', '-z']));
  const insideAnswer = await inside;
  if ('error' in insideAnswer) {
    const e = insideAnswer.error;
    throw e instanceof GitError && /not a git repository/i.test(e.message) ? new GitError(`${root} is not in a git repository`) : e;
  }
  if (String(insideAnswer.value).trim() !== 'true') throw new GitError(`${root} is not in a git working tree`);
  const verifiedAnswer = await verified;
  if ('error' in verifiedAnswer) throw new GitError(ref === undefined ? 'the repository has no commit yet' : `unknown revision "${ref}"`);
  const commit = String(verifiedAnswer.value).trim();
  let base = commit;
  let mergeBaseFound = ref === undefined;
  if (mergeBase) {
    // A pull request's changes are those since it branched off, not the target branch's later work.
    const answer = await mergeBase;
    const found = 'error' in answer ? '' : String(answer.value).trim();
    if (found) {
      base = found;
      mergeBaseFound = true;
    }
  }
  const diffAnswer = await quickDiff;
  // Without a merge base (unrelated histories) the base is the revision itself, and an older git
  // has no --merge-base: then the diff is asked again, against the base by name.
  const diff = String(!('error' in diffAnswer) && mergeBaseFound ? diffAnswer.value : await git(root, [...DIFF, base, '--']));
  const untrackedAnswer = await untrackedFiles;
  if ('error' in untrackedAnswer) throw untrackedAnswer.error;
  const untracked = String(untrackedAnswer.value);
  const changes: GitChange[] = [];
  const fields = diff.split('\0');
  for (let i = 0; i + 1 < fields.length; ) {
    const status = fields[i++];
    const path = fields[i++];
    if (status.startsWith('R')) {
      const to = fields[i++];
      changes.push({ status: 'renamed', from: path, path: to, edited: status !== 'R100' });
    } else if (status.startsWith('C')) {
      changes.push({ status: 'added', path: fields[i++] });
    } else if (status === 'A') changes.push({ status: 'added', path });
    else if (status === 'D') changes.push({ status: 'deleted', path });
    else changes.push({ status: 'modified', path });
  }
  const seen = new Set(changes.map((c) => c.path));
  for (const path of untracked.split('\0')) if (path && !seen.has(path)) changes.push({ status: 'added', path });
  return { base, changes };
}

/** A file's content at `commit` (`path` relative to `root`). */
export async function gitBlob(root: string, commit: string, path: string): Promise<Uint8Array> {
  return (await git(root, ['cat-file', 'blob', `${commit}:./${path}`], 'buffer')) as Buffer;
}

/** At most this many files' contents are asked of one git process. */
const MAX_BATCH = 1000;

/**
 * Files' contents at `commit` (paths relative to `root`), read by one git process
 * (`cat-file --batch`); a file that is not there is not in the map. A name with a line break
 * cannot be asked this way: it is left out, to be read on its own.
 */
export async function gitBlobs(root: string, commit: string, paths: readonly string[]): Promise<Map<string, Uint8Array>> {
  const asked = [...new Set(paths)].filter((p) => !/[\n\r]/.test(p)).slice(0, MAX_BATCH);
  const out = new Map<string, Uint8Array>();
  if (!asked.length) return out;
  const output = (await git(root, ['cat-file', '--batch'], 'buffer', asked.map((p) => `${commit}:./${p}\n`).join(''))) as Buffer;
  let at = 0;
  for (const path of asked) {
    const eol = output.indexOf(10, at);
    if (eol < 0) break;
    // "<object> blob <size>", or "<name> missing" (and the like) for a name that is not a blob.
    const header = output.toString('latin1', at, eol).split(' ');
    at = eol + 1;
    if (header.length !== 3 || !/^\d+$/.test(header[2])) continue;
    const size = Number(header[2]);
    if (at + size > output.length) break;
    if (header[1] === 'blob') out.set(path, output.subarray(at, at + size));
    at += size + 1;
  }
  return out;
}

/** The files whose content at the base {@link affectedByChanges} reads: Markdown files modified, deleted, or renamed from. */
export function baseFilesRead(changes: readonly GitChange[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    if (c.status === 'modified' || c.status === 'deleted') {
      if (isMarkdownPath(c.path)) out.push(c.path);
    } else if (c.status === 'renamed' && isMarkdownPath(c.from)) out.push(c.from);
  }
  return out;
}

export interface ChangedScope {
  /** Markdown files to check: the changed ones and every one whose findings they can change. */
  paths: Set<string>;
  /** The change can change every file's findings (configuration, the repository's identity). */
  all: boolean;
  /** Changed Markdown files that exist now. */
  changed: Set<string>;
}

/**
 * Replays `changes` on the index of the working tree (back to the base's content, then forward
 * again, leaving the index as it was) and collects what the index reports as affected.
 * `baseText` reads a file's content at the base.
 */
export async function affectedByChanges(result: BuildResult, changes: GitChange[], baseText: (path: string) => Promise<Uint8Array>): Promise<ChangedScope> {
  const { index } = result;
  const ignored = ignoreMatcher(result.config.ignore);
  const markdown = (path: string) => isMarkdownPath(path) && !ignored(path);
  const scope: ChangedScope = { paths: new Set(), all: false, changed: new Set() };
  const collect = (affected: Affected) => {
    if (affected.all) scope.all = true;
    for (const p of affected.paths) scope.paths.add(p);
  };
  if (changes.some((c) => c.path === CONFIG_FILE || (c.status === 'renamed' && c.from === CONFIG_FILE))) scope.all = true;
  /** The base's model of a Markdown file, or undefined when the base's content cannot be indexed. */
  const baseModel = async (path: string): Promise<string | undefined> => {
    let bytes: Uint8Array;
    try {
      bytes = await baseText(path);
    } catch {
      return undefined;
    }
    if (bytes.length > DEFAULT_MAX_FILE_SIZE || looksBinary(bytes)) return undefined;
    const text = decodeUtf8(bytes).text;
    return nestsDeeperThan(text, MAX_NESTING) ? undefined : text;
  };
  // The working tree's models, to go forward again without parsing.
  const headModels = new Map<string, MinutesDocument>();
  for (const c of changes) {
    const doc = index.get(c.path)?.doc;
    if (doc) headModels.set(c.path, doc);
    if (markdown(c.path) && index.hasFile(c.path) && doc) {
      scope.paths.add(c.path);
      scope.changed.add(c.path);
    }
  }
  const setContent = async (path: string, text: string | undefined) => {
    if (text === undefined) {
      // Not indexable at the base: the path existed, without a model.
      if (index.get(path)) collect(index.delete(path));
      collect(index.addPath(path));
    } else collect(index.update(path, text, true));
  };
  const restore = (path: string) => {
    const doc = headModels.get(path);
    if (doc) collect(index.updateParsed(path, doc));
    else {
      if (index.get(path)) collect(index.delete(path));
      collect(index.addPath(path));
    }
  };
  const changedPaths = changes.flatMap((c) => (c.status === 'renamed' ? [c.from, c.path] : [c.path]));
  const weeklyFolders: string[][] = [];
  const relate = () => {
    weeklyFolders.push(index.weeklyFolders());
    for (const p of relatedFiles(index, changedPaths)) scope.paths.add(p);
  };
  // Back to the base.
  for (const c of changes) {
    if (c.status === 'added') collect(index.delete(c.path));
    else if (c.status === 'deleted') {
      if (markdown(c.path)) await setContent(c.path, await baseModel(c.path));
      else collect(index.addPath(c.path));
    } else if (c.status === 'modified') {
      if (markdown(c.path)) await setContent(c.path, await baseModel(c.path));
    } else {
      collect(index.rename(c.path, c.from));
      if (markdown(c.from) && (c.edited || !markdown(c.path))) await setContent(c.from, await baseModel(c.from));
      else if (!markdown(c.from) && index.get(c.from)) await setContent(c.from, undefined);
    }
  }
  relate();
  // And forward to the working tree again.
  for (const c of [...changes].reverse()) {
    if (c.status === 'added') restore(c.path);
    else if (c.status === 'deleted') collect(index.delete(c.path));
    else if (c.status === 'modified') {
      if (markdown(c.path)) restore(c.path);
    } else {
      collect(index.rename(c.from, c.path));
      restore(c.path);
    }
  }
  relate();
  // Another weekly folder changes what every weekly and team file is checked against.
  if (weeklyFolders[0].join('/') !== weeklyFolders[1].join('/')) scope.all = true;
  // Only files that exist now have findings to report.
  for (const p of [...scope.paths]) if (!index.get(p)) scope.paths.delete(p);
  return scope;
}

/**
 * Files whose findings read the changed paths beyond links and content (which the index's own
 * bookkeeping reports): the other files of the same folder (a team's conventions, date
 * suggestions), broken links into that folder (their "did you mean"), the weeklies of the week a
 * team file belongs to, and the weeklies after a changed weekly (which teams are usually linked).
 */
export function relatedFiles(index: MinutesIndex, paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  const folders = new Set(paths.filter(isMarkdownPath).map(dirname));
  if (!folders.size) return out;
  const weeklyFolders = index.weeklyFolders();
  for (const file of index.markdownFiles()) {
    if (folders.has(dirname(file.path))) out.add(file.path);
    else if (file.targets.some((t) => folders.has(dirname(t)) && !index.hasFile(t))) out.add(file.path);
  }
  for (const path of paths) {
    const { team, date } = parseFileName(path);
    if (!team || !date) continue;
    // A weekly looks for each team's minutes in the seven days up to its date.
    for (const folder of weeklyFolders) {
      for (const m of index.minutesOfTeamBetween(folder, date, addDays(date, 6))) out.add(m.file);
    }
    if (index.isWeeklyFolder(team)) {
      // Which teams a weekly usually links is read from the eight weeklies before it.
      const later = index.minutesOfTeam(team).filter((m) => m.date > date);
      for (const m of later.slice(0, 8)) out.add(m.file);
    }
  }
  return out;
}
