// Which repository each path of the command line lies in: a folder given alone, the nearest folder
// above marked by `.git` or `.minutes.jsonc`, or the folder above those that hold minutes.
import * as nodePath from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { parseDatedPath } from '../core/layout';

/** A folder that holds dated minutes itself is a team folder, not a repository. */
function isTeamFolder(abs: string): boolean {
  try {
    return readdirSync(abs).some((name) => /^\d{4}-?\d{2}-?\d{2}.*\.(md|markdown)$/i.test(name));
  } catch {
    return false;
  }
}

/**
 * Where the search for a path's repository starts (a folder, or the parent of a team folder or a
 * file), and the nearest folder at or above it marked by `.git` or `.minutes.jsonc`, if any.
 */
function searchFrom(abs: string): { isDir: boolean; start: string; marked?: string } {
  const isDir = statSync(abs).isDirectory();
  const start = isDir ? (isTeamFolder(abs) ? nodePath.dirname(abs) : abs) : nodePath.dirname(abs);
  for (let dir = start; ; ) {
    if (existsSync(nodePath.join(dir, '.git')) || existsSync(nodePath.join(dir, '.minutes.jsonc'))) return { isDir, start, marked: dir };
    const up = nodePath.dirname(dir);
    if (up === dir) return { isDir, start };
    dir = up;
  }
}

/**
 * The repository a path lies in: a folder given alone is one, unless it is a team folder; else
 * the nearest folder above with `.git` or `.minutes.jsonc`; else the working folder when the path
 * is inside it; else the path's own folder (the parent, for a team folder).
 */
function repositoryRoot(abs: string, cwd: string): string {
  const { start, marked } = searchFrom(abs);
  if (marked) return marked;
  const rel = nodePath.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel)) return cwd;
  // Outside the working folder and without git: above the folders that hold or date minutes
  // (`team/`, `team/2023/`, `meetings/io.js/`), which is where the repository starts.
  let dir = start;
  while (holdsMinutes(dir) && nodePath.dirname(dir) !== dir) dir = nodePath.dirname(dir);
  return dir;
}

/** A year or year-month folder, or one with minutes in it (in any layout). */
function holdsMinutes(abs: string): boolean {
  const base = nodePath.basename(abs);
  if (/^(?:19|20)\d\d(?:[-_]\d\d)?$/.test(base)) return true;
  try {
    const parent = nodePath.basename(nodePath.dirname(abs));
    return readdirSync(abs).some((name) => /^(?:19|20)\d\d(?:[-_]\d\d)?$/.test(name) || parseDatedPath(`${parent}/${base}/${name}`) !== undefined);
  } catch {
    return false;
  }
}

/**
 * With several paths, each one's repository: the nearest folder at or above it with `.git` or
 * `.minutes.jsonc`, else a folder given (not a team folder) is its own repository, else as for one path.
 */
function repositoryOfTarget(abs: string, cwd: string): string {
  const { isDir, marked } = searchFrom(abs);
  if (marked) return marked;
  return isDir && !isTeamFolder(abs) ? abs : repositoryRoot(abs, cwd);
}

/**
 * The repositories of the paths given (absolute), each with its paths. One path, or any command but
 * check: one repository (a folder given alone is one, unless it is a team folder). Several paths
 * of check: each path in its own repository (several repositories are checked one by one).
 */
export function groupByRepository(targets: string[], command: string, cwd: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  if (targets.length === 1 || command !== 'check') {
    const onlyFolder = targets.length === 1 && statSync(targets[0]).isDirectory() && !isTeamFolder(targets[0]);
    groups.set(onlyFolder ? targets[0] : repositoryRoot(targets[0], cwd), targets);
  } else {
    for (const t of targets) {
      const root = repositoryOfTarget(t, cwd);
      groups.set(root, [...(groups.get(root) ?? []), t]);
    }
  }
  return groups;
}
