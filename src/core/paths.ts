// POSIX path helpers for repository-relative paths, and what a minutes file's name says.
import { isoWeekOf } from './dates';
import { parseDatedPath, parseWithLayouts, type CompiledLayout } from './layout';
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

/**
 * Reads team, date and ISO week from a path in any of the layouts {@link parseDatedPath} knows
 * (`team/YYYYMMDD.md`, `team/YYYY-MM-DD-suffix.md`, `team/2023/WG-04-25.md`, `team/2023-01/jan-30.md`…),
 * the configured `layouts` first. The team is the folder the meetings belong to (`iaas`, or
 * `meetings/iaas` in a repository that nests them), without the folders that carry the date.
 */
export function parseFileName(path: string, layouts?: readonly CompiledLayout[]): MinutesFileName {
  const dated = (layouts?.length ? parseWithLayouts(path, layouts) : undefined) ?? parseDatedPath(path);
  if (!dated) return { team: teamOf(path) };
  const name: MinutesFileName = { team: dated.team, date: dated.date, week: isoWeekOf(dated.date), suffix: dated.suffix, layout: dated.layout };
  if (dated.role !== 'minutes') name.role = dated.role;
  if (dated.prefix) name.prefix = dated.prefix;
  return name;
}
