// Completions inside minutes: link targets (team minutes nearest in date, in the file's own link
// form), headings after `#`, and @handles of the people who attend, this team's first.
import type { MinutesIndex } from './index';
import { daysBetween } from './dates';
import { githubUrl, relativeLink } from './github';
import { encodePath } from './linkEdit';
import { parseGithubUrl } from './links';

export interface LinkCompletion {
  label: string;
  insert: string;
  detail: string;
  /** Smaller sorts first. */
  rank: number;
}

/** Whether the file writes its links to minutes as GitHub URLs (most weeklies do). */
export function prefersGithubUrls(index: MinutesIndex, path: string): boolean {
  const file = index.get(path);
  let github = 0;
  let relative = 0;
  for (const link of file?.doc.links ?? []) {
    const t = index.resolve(path, link);
    if (t.kind !== 'internal') continue;
    if (t.via === 'github') github++;
    else relative++;
  }
  return github > relative || (github === relative && index.isWeeklyFolder(file?.name.team));
}

/** Minutes to link from `path`, nearest in date first; `typed` is what stands in the link target so far. */
export function linkTargetCompletions(index: MinutesIndex, path: string, typed: string, limit = 60): LinkCompletion[] {
  const file = index.get(path);
  const date = file?.name.date;
  const github = /^https?:/i.test(typed) || (typed === '' && prefersGithubUrls(index, path));
  const ghTyped = parseGithubUrl(typed);
  const out: LinkCompletion[] = [];
  for (const m of index.minutes()) {
    if (m.file === path) continue;
    const insert = github ? githubUrl(index, m.file, ghTyped?.branch) : encodePath(relativeLink(path, m.file));
    if (!insert) continue;
    out.push({ label: m.file, insert, detail: index.get(m.file)?.doc.title?.heading.text ?? m.date, rank: date ? Math.abs(daysBetween(date, m.date)) : daysBetween(m.date, '2999-12-31') });
  }
  out.sort((a, b) => a.rank - b.rank || (a.label < b.label ? -1 : 1));
  return out.slice(0, limit);
}

/** Headings of a file, for after `#`. */
export function headingCompletions(index: MinutesIndex, target: string): Array<{ slug: string; text: string; level: number }> {
  return (index.get(target)?.doc.headings ?? []).map((h) => ({ slug: h.slug, text: h.text, level: h.level }));
}

/** @handles from the repository's history: most frequent in this team first, then everywhere. */
export function handleCompletions(index: MinutesIndex, path: string, limit = 100): Array<{ handle: string; inTeam: number; total: number }> {
  const team = index.get(path)?.name.team;
  const inTeam = new Map<string, number>();
  const total = new Map<string, number>();
  for (const f of index.markdownFiles()) {
    for (const [handle, n] of Object.entries(f.doc.handles)) {
      total.set(handle, (total.get(handle) ?? 0) + n);
      if (team && f.name.team === team) inTeam.set(handle, (inTeam.get(handle) ?? 0) + n);
    }
  }
  return [...total.entries()]
    .map(([handle, n]) => ({ handle, inTeam: inTeam.get(handle) ?? 0, total: n }))
    .sort((a, b) => b.inTeam - a.inTeam || b.total - a.total || (a.handle < b.handle ? -1 : 1))
    .slice(0, limit);
}
