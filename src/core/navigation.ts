// Moving between meetings: the next and previous minutes of a team, and dates people type.
import type { MinutesIndex, TeamMinutes } from './index';
import { addDays, daysBetween, isValidDate, formatDate, isoWeekOf, weekStart, type IsoDate } from './dates';

/** The same team's next (+1) or previous (-1) minutes; for a weekly, the next or previous weekly. */
export function adjacentMinutes(index: MinutesIndex, path: string, direction: 1 | -1): TeamMinutes | undefined {
  const file = index.get(path);
  const team = file?.name.team;
  if (!file || !team || !file.name.date) return undefined;
  const list = index.minutesOfTeam(team);
  const i = list.findIndex((m) => m.file === path);
  return i < 0 ? undefined : list[i + direction];
}

export interface DateQuery {
  start: IsoDate;
  end: IsoDate;
  /** How the query was understood, for messages: `2023-W17`, `2023-04-27`. */
  label: string;
}

/**
 * Understands `2023-04-27`, `20230427`, `2023-W17`, `W17` (this year), `today`, `yesterday`,
 * `tomorrow`, `this week`, `last week`, `next week`, `3 weeks ago`.
 */
export function parseDateQuery(input: string, today: IsoDate): DateQuery | undefined {
  const text = input.trim().toLowerCase();
  const day = (d: IsoDate): DateQuery => ({ start: d, end: d, label: d });
  const week = (w: string): DateQuery | undefined => {
    const m = /^(\d{4})-w(\d{1,2})$/.exec(w);
    if (!m) return undefined;
    const n = Number(m[2]);
    if (n < 1 || n > 53) return undefined;
    const label = `${m[1]}-W${String(n).padStart(2, '0')}`;
    const start = weekStart(label);
    if (isoWeekOf(start) !== label) return undefined; // W53 of a year that has 52
    return { start, end: addDays(start, 6), label };
  };
  let m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (m) return isValidDate(Number(m[1]), Number(m[2]), Number(m[3])) ? day(formatDate(Number(m[1]), Number(m[2]), Number(m[3]))) : undefined;
  m = /^(\d{4})-?w(\d{1,2})$/.exec(text);
  if (m) return week(`${m[1]}-w${m[2]}`);
  m = /^w(\d{1,2})$/.exec(text);
  if (m) return week(`${isoWeekOf(today).slice(0, 4)}-w${m[1]}`);
  if (text === 'today') return day(today);
  if (text === 'yesterday') return day(addDays(today, -1));
  if (text === 'tomorrow') return day(addDays(today, 1));
  const weeksFrom = (n: number) => week(isoWeekOf(addDays(today, 7 * n)).toLowerCase());
  if (text === 'this week') return weeksFrom(0);
  if (text === 'last week' || text === 'previous week') return weeksFrom(-1);
  if (text === 'next week') return weeksFrom(1);
  m = /^(\d+) weeks? ago$/.exec(text);
  if (m) return weeksFrom(-Number(m[1]));
  m = /^(\d+) days? ago$/.exec(text);
  if (m) return day(addDays(today, -Number(m[1])));
  return undefined;
}

/** Minutes within the query's days, or else the nearest ones (of `team` when given). */
export function meetingsFor(index: MinutesIndex, query: DateQuery, team?: string): { exact: boolean; minutes: TeamMinutes[] } {
  const all = team ? index.minutesOfTeam(team) : index.minutes();
  const inside = all.filter((m) => m.date >= query.start && m.date <= query.end);
  if (inside.length) return { exact: true, minutes: inside };
  let best: TeamMinutes[] = [];
  let bestDistance = Infinity;
  for (const m of all) {
    const d = m.date < query.start ? daysBetween(m.date, query.start) : daysBetween(query.end, m.date);
    if (d < bestDistance) {
      best = [m];
      bestDistance = d;
    } else if (d === bestDistance) best.push(m);
  }
  return { exact: false, minutes: best };
}

/**
 * Where Go to Date leads from `activePath`: the active team's one meeting of that date or week
 * when it is another file; else every meeting of the repository then (the active team's first),
 * or the team's nearest, never silently the file already open.
 */
export function dateTargets(index: MinutesIndex, query: DateQuery, activePath?: string): { exact: boolean; minutes: TeamMinutes[] } {
  const active = activePath ? index.get(activePath) : undefined;
  const team = active?.name.date ? active.name.team : undefined;
  const ofTeam = team ? meetingsFor(index, query, team) : undefined;
  if (ofTeam?.exact && ofTeam.minutes.length === 1 && ofTeam.minutes[0].file !== activePath) return ofTeam;
  const all = meetingsFor(index, query);
  let chosen = all;
  if (!all.exact && ofTeam && !ofTeam.exact && ofTeam.minutes.length && ofTeam.minutes.every((m) => m.file !== activePath)) chosen = ofTeam;
  const rank = (m: TeamMinutes) => (m.team === team ? 0 : index.isWeeklyFolder(m.team) ? 1 : 2);
  return { exact: chosen.exact, minutes: [...chosen.minutes].sort((a, b) => rank(a) - rank(b) || a.date.localeCompare(b.date) || a.file.localeCompare(b.file)) };
}
