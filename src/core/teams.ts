// Teams as people name them, and when they meet: inferred from the repository itself.
import type { MinutesIndex, TeamMinutes } from './index';
import { isoWeekday, daysBetween, addDays, type IsoDate } from './dates';
import { parseFileName, teamOf, teamSlug } from './paths';
import { sectionOf } from './sections';

const ACRONYMS: Record<string, string> = {
  sig: 'SIG', iaas: 'IaaS', paas: 'PaaS', saas: 'SaaS', caas: 'CaaS', iam: 'IAM', api: 'API', wg: 'WG', ci: 'CI', cd: 'CD',
  ui: 'UI', ux: 'UX', k8s: 'K8s', scs: 'SCS', dns: 'DNS', sso: 'SSO', os: 'OS', ai: 'AI', ml: 'ML', qa: 'QA', hr: 'HR', it: 'IT',
  ops: 'Ops', devops: 'DevOps', openops: 'OpenOps', sre: 'SRE', tsc: 'TSC', pr: 'PR', gx: 'GX',
};

/** `iaas` → `IaaS`, `sig-standardization` → `SIG Standardization`, when the repository says nothing better. */
export function guessTeamName(folder: string): string {
  return folder
    .split(/[-_ ]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Display names of teams as the weekly writes them: a weekly's section `### Team IaaS` that links
 * to `iaas/…` names the folder `iaas` "IaaS". Falls back to {@link guessTeamName}.
 */
export function teamDisplayNames(index: MinutesIndex): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  const weeklyFolder = index.weeklyFolder();
  if (weeklyFolder) {
    for (const file of index.markdownFiles()) {
      if (file.name.team !== weeklyFolder) continue;
      for (const link of file.doc.links) {
        const target = index.resolve(file.path, link);
        if (target.kind !== 'internal') continue;
        const team = teamOf(target.path);
        const heading = sectionOf(file.doc, link.range.start.line);
        if (!team || team === weeklyFolder || !heading) continue;
        const name = heading.text.replace(/^(team|sig)\s+/i, (m) => (/^sig/i.test(m) ? m : '')).trim();
        if (letters(name) !== letters(teamSlug(team))) continue;
        let v = votes.get(team);
        if (!v) votes.set(team, (v = new Map()));
        v.set(name, (v.get(name) ?? 0) + 1);
      }
    }
  }
  const names = new Map<string, string>();
  for (const team of index.teams()) {
    const v = votes.get(team);
    const best = v ? [...v.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0] : undefined;
    names.set(team, best ?? guessTeamName(teamSlug(team)));
  }
  return names;
}

export interface Cadence {
  /** ISO weekdays (1 = Monday) the team meets on, most usual first. */
  weekdays: number[];
  /** Typical days between meetings (7 weekly, 14 every second week). */
  intervalDays: number;
}

/** Fewer meetings than this tell no meeting day. */
export const MIN_MEETINGS_FOR_CADENCE = 3;

/** When a team meets, from its recent minutes (the last ten regular meetings weigh most). */
export function cadenceOf(minutes: readonly TeamMinutes[]): Cadence | undefined {
  // Extra meetings (`20230710-overflow.md`) do not show the usual day.
  const regular = minutes.filter((m) => !parseFileName(m.file).suffix);
  const recent = (regular.length ? regular : minutes).slice(-10);
  // A meeting day needs a few meetings to show: one or two say nothing of a habit.
  if (recent.length < MIN_MEETINGS_FOR_CADENCE) return undefined;
  const weight = new Map<number, number>();
  recent.forEach((m, i) => {
    const wd = isoWeekday(m.date);
    weight.set(wd, (weight.get(wd) ?? 0) + 1 + i / recent.length);
  });
  const total = [...weight.values()].reduce((a, b) => a + b, 0);
  const weekdays = [...weight.entries()]
    .filter(([wd, w]) => w >= total * 0.2 && recent.filter((m) => isoWeekday(m.date) === wd).length >= 2)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([wd]) => wd);
  const gaps: number[] = [];
  for (let i = 1; i < recent.length; i++) gaps.push(daysBetween(recent[i - 1].date, recent[i].date));
  gaps.sort((a, b) => a - b);
  const median = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 7;
  const intervalDays = median >= 12 && median <= 16 ? 14 : 7;
  return { weekdays, intervalDays };
}

/** The team's next meeting on or after `from`: the first day on its usual weekday. */
export function nextMeetingDate(minutes: readonly TeamMinutes[], from: IsoDate): IsoDate {
  const cadence = cadenceOf(minutes);
  const weekday = cadence?.weekdays[0] ?? isoWeekday(from);
  let date = from;
  while (isoWeekday(date) !== weekday) date = addDays(date, 1);
  return date;
}
