// POSIX path helpers for repository-relative paths, and what a minutes file's name says.
import { formatDate, isValidDate, isoWeekOf } from './dates';
import type { MinutesFileName } from './model';

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}

/**
 * Resolves `.` and `..` segments. Returns undefined when the path climbs above the root,
 * which for a repository means the link leaves it.
 */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/** Top-level folder of a path, or undefined for a file at the root. */
export function topFolder(path: string): string | undefined {
  const i = path.indexOf('/');
  return i < 0 ? undefined : path.slice(0, i);
}

/** The team folder of a path: its parent folder, or undefined at the root. */
export function teamOf(path: string): string | undefined {
  const dir = dirname(path);
  return dir === '' ? undefined : dir;
}

/** The last segment of a team folder, for display: `meetings/iaas` → `iaas`. */
export function teamSlug(team: string): string {
  return basename(team);
}

const DATED_NAME = /^(\d{4})-?(\d{2})-?(\d{2})(?:[-_ ](.+))?\.(?:md|markdown)$/i;

/**
 * Reads team, date and ISO week from `team/YYYYMMDD.md`, `team/YYYYMMDD-suffix.md` or
 * `team/YYYY-MM-DD.md`. The team is the file's folder (`iaas`, or `meetings/iaas` in a
 * repository that nests them).
 */
export function parseFileName(path: string): MinutesFileName {
  const team = teamOf(path);
  const m = DATED_NAME.exec(basename(path));
  if (!m) return { team };
  const dashes = basename(path).slice(0, 10);
  // A mix such as 2023-0426 is not one of the accepted forms.
  const compact = /^\d{8}/.test(dashes);
  const dashed = /^\d{4}-\d{2}-\d{2}/.test(dashes);
  if (!compact && !dashed) return { team };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidDate(year, month, day)) return { team };
  const date = formatDate(year, month, day);
  return { team, date, week: isoWeekOf(date), suffix: m[4] };
}
