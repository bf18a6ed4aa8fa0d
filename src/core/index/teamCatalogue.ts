// The teams and their meetings: dated minutes per team, and the agendas, slides and logs beside
// them, kept as files come and go; sorted lists are built on demand and kept until they change.
import { learnLayouts, type TeamLayout } from '../layout';
import { isoWeekOf, weekStart, addDays, type IsoDate, type IsoWeek } from '../dates';
import type { MinutesFileName } from '../model';
import type { IndexPart, IndexedFile } from './part';

export type CompanionRole = 'agenda' | 'slides' | 'log';

export interface TeamMinutes {
  team: string;
  file: string;
  date: IsoDate;
  /** Set when the file is not the meeting's minutes (an agenda, slides, a log) and no minutes of that day are there. */
  role?: CompanionRole;
  /** Agendas, slides and logs of the same meeting, beside these minutes (in `weeks()` only). */
  related?: Array<{ file: string; role: CompanionRole }>;
}

export interface WeekEntry {
  week: IsoWeek;
  /** Monday and Sunday of the week. */
  start: IsoDate;
  end: IsoDate;
  weekly: { file: string; date: IsoDate; related?: TeamMinutes['related'] } | null;
  minutes: TeamMinutes[];
}

export class TeamCatalogue implements IndexPart {
  /** Team → path → its dated minutes. */
  private readonly dated = new Map<string, Map<string, TeamMinutes>>();
  /** Team → path → an agenda, slides or log. */
  private readonly companions = new Map<string, Map<string, TeamMinutes & { role: CompanionRole }>>();
  private readonly byTeam = new Map<string, TeamMinutes[]>();
  private teamNames: string[] | undefined;
  /** All dated minutes sorted by date; dropped when a dated file comes or goes. */
  private sorted: TeamMinutes[] | undefined;

  constructor(private readonly files: ReadonlyMap<string, IndexedFile>) {}

  /** A file's team and date come from its path: a changed model at the same path changes neither. */
  fileAdded(file: IndexedFile, previous: IndexedFile | undefined): void {
    if (previous) return;
    const { team, date, role } = file.name;
    if (!team || !date) return;
    if (role) {
      let mine = this.companions.get(team);
      if (!mine) this.companions.set(team, (mine = new Map()));
      mine.set(file.path, { team, file: file.path, date, role });
      this.sorted = undefined;
      return;
    }
    let mine = this.dated.get(team);
    if (!mine) {
      this.dated.set(team, (mine = new Map()));
      this.teamNames = undefined;
    }
    mine.set(file.path, { team, file: file.path, date });
    this.byTeam.delete(team);
    this.sorted = undefined;
  }

  fileRemoved(file: IndexedFile): void {
    const { team, date } = file.name;
    const mine = team ? this.companions.get(team) : undefined;
    if (team && mine?.delete(file.path)) {
      if (mine.size === 0) this.companions.delete(team);
      this.sorted = undefined;
      return;
    }
    const dated = team && date ? this.dated.get(team) : undefined;
    if (!team || !dated?.delete(file.path)) return;
    if (dated.size === 0) {
      this.dated.delete(team);
      this.teamNames = undefined;
    }
    this.byTeam.delete(team);
    this.sorted = undefined;
  }

  /** Team folders: folders that hold dated minutes (the weekly's folder among them). */
  teams(): string[] {
    this.teamNames ??= [...this.dated.keys()].sort();
    return [...this.teamNames];
  }

  /** Dated minutes, oldest first. */
  minutes(): readonly TeamMinutes[] {
    if (!this.sorted) {
      const out: TeamMinutes[] = [];
      for (const mine of this.dated.values()) for (const m of mine.values()) out.push(m);
      this.sorted = out.sort(byDateThenFile);
    }
    return this.sorted;
  }

  /** One team's dated minutes, oldest first (the same list until the team's minutes change). */
  minutesOfTeam(team: string): readonly TeamMinutes[] {
    let list = this.byTeam.get(team);
    if (!list) {
      const mine = this.dated.get(team);
      if (!mine) return [];
      list = [...mine.values()].sort(byDateThenFile);
      this.byTeam.set(team, list);
    }
    return list;
  }

  /** One team's dated minutes from `from` to `to` (inclusive), oldest first. */
  minutesOfTeamBetween(team: string, from: IsoDate, to: IsoDate): TeamMinutes[] {
    const list = this.minutesOfTeam(team);
    return list.slice(dateBound(list, from, false), dateBound(list, to, true));
  }

  /** Agendas, slides and logs of meetings, oldest first. */
  companionFiles(): TeamMinutes[] {
    const out: TeamMinutes[] = [];
    for (const mine of this.companions.values()) for (const c of mine.values()) out.push(c);
    return out.sort(byDateThenFile);
  }

  /** Per team, the forms its dated files' paths take (learned from the files, or the configured patterns). */
  layouts(): TeamLayout[] {
    const named: Array<{ path: string; name: MinutesFileName }> = [];
    for (const file of this.files.values()) if (file.name.date) named.push(file);
    return learnLayouts(named);
  }

  /**
   * One entry per ISO week that has dated minutes, oldest first. An agenda, slides or log goes
   * with its team's minutes of that day (`related`); without such minutes it stands for its meeting.
   */
  weeks(weeklyFolders: readonly string[]): WeekEntry[] {
    const weekly = new Set(weeklyFolders);
    const byWeek = new Map<IsoWeek, WeekEntry>();
    const primary = new Map<string, { related?: TeamMinutes['related'] }>();
    const entryOf = (date: IsoDate) => {
      const week = isoWeekOf(date);
      let entry = byWeek.get(week);
      if (!entry) {
        const start = weekStart(week);
        byWeek.set(week, (entry = { week, start, end: addDays(start, 6), weekly: null, minutes: [] }));
      }
      return entry;
    };
    for (const m of this.minutes()) {
      const entry = entryOf(m.date);
      if (weekly.has(m.team) && entry.weekly === null) {
        entry.weekly = { file: m.file, date: m.date };
        if (!primary.has(`${m.team}|${m.date}`)) primary.set(`${m.team}|${m.date}`, entry.weekly);
      } else {
        const key = `${m.team}|${m.date}`;
        const item = { ...m };
        if (!primary.has(key)) primary.set(key, item);
        entry.minutes.push(item);
      }
    }
    for (const c of this.companionFiles()) {
      const key = `${c.team}|${c.date}`;
      const main = primary.get(key);
      if (main) (main.related ??= []).push({ file: c.file, role: c.role! });
      else if (weekly.has(c.team) && entryOf(c.date).weekly === null) {
        const entry = entryOf(c.date);
        entry.weekly = { file: c.file, date: c.date };
        primary.set(key, entry.weekly);
      } else {
        const item = { ...c };
        primary.set(key, item);
        entryOf(c.date).minutes.push(item);
      }
    }
    for (const entry of byWeek.values()) entry.minutes.sort(byDateThenFile);
    return [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
  }
}

function byDateThenFile(a: TeamMinutes, b: TeamMinutes): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.file < b.file ? -1 : 1;
}

/** In minutes sorted by date: the first position dated on or after `date`, or (`after`) after it. */
export function dateBound(list: readonly TeamMinutes[], date: string, after: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].date < date || (after && list[mid].date === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
