// Weeks as the explorer shows them: labels, and the teams expected but missing in a week.
import type { MinutesIndex, WeekEntry } from './index';
import { addDays, isoWeekOf, toUtc, type IsoDate, type IsoWeek } from './dates';
import { cadenceOf } from './teams';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2023-W17 · 24–30 Apr`, `2026-W53 · 28 Dec – 3 Jan`. */
export function weekLabel(week: IsoWeek, start: IsoDate, end: IsoDate): string {
  const s = toUtc(start);
  const e = toUtc(end);
  const range =
    s.getUTCMonth() === e.getUTCMonth()
      ? `${s.getUTCDate()}–${e.getUTCDate()} ${MONTHS[e.getUTCMonth()]}`
      : `${s.getUTCDate()} ${MONTHS[s.getUTCMonth()]} – ${e.getUTCDate()} ${MONTHS[e.getUTCMonth()]}`;
  return `${week} · ${range}`;
}

/**
 * Teams that usually meet but have no minutes in `week`: weekly teams that met in at least two
 * of the four weeks before, and fortnightly teams that met two weeks before.
 */
export function missingTeams(index: MinutesIndex, week: WeekEntry, metIn: ReadonlySet<string>): string[] {
  const weeklyFolder = index.weeklyFolder();
  const present = new Set(week.minutes.map((m) => m.team));
  const out: string[] = [];
  for (const team of index.teams()) {
    if (team === weeklyFolder || present.has(team)) continue;
    const before = [1, 2, 3, 4].map((n) => metIn.has(`${team}|${isoWeekOf(addDays(week.start, -7 * n))}`));
    const cadence = cadenceOf(index.minutesOfTeam(team));
    const expected = cadence?.intervalDays === 14 ? before[1] && !before[0] : before.filter(Boolean).length >= 2;
    if (expected) out.push(team);
  }
  return out;
}

/** `team|week` for every dated minutes, to ask "did this team meet that week" cheaply. */
export function meetingWeeks(index: MinutesIndex): Set<string> {
  const set = new Set<string>();
  for (const m of index.minutes()) set.add(`${m.team}|${isoWeekOf(m.date)}`);
  return set;
}
