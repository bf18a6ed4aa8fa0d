// Folders of all-hands weeklies, found without a pass over the repository: which teams' dated
// minutes each team's dated files link to, counted as links, files and targets come and go.
import type { MinutesFileName } from '../model';
import type { IndexPart, IndexedFile } from './part';

/** A folder that links to a single other team is a pair of teams, not a weekly. */
export const WEEKLY_MIN_TEAMS = 2;

export class WeeklyFolders implements IndexPart {
  /** Team → other team → number of (file, target) pairs from the one's dated files to the other's. */
  private readonly reach = new Map<string, Map<string, number>>();
  private cache: string[] | undefined;

  constructor(
    private readonly files: ReadonlyMap<string, IndexedFile>,
    private readonly linkersOf: (path: string) => Iterable<string>,
  ) {}

  /** A link from `from` to `target` starts (+1) or stops (-1) counting. */
  linkChanged(from: IndexedFile, target: string, delta: 1 | -1): void {
    this.count(from, this.files.get(target)?.name, delta);
  }

  /** A new file: the links that already pointed to its path now reach an indexed file. */
  fileAdded(file: IndexedFile, previous: IndexedFile | undefined): void {
    if (previous) return;
    for (const from of this.linkersOf(file.path)) {
      const linker = this.files.get(from);
      if (linker) this.count(linker, file.name, 1);
    }
  }

  fileRemoved(file: IndexedFile): void {
    for (const from of this.linkersOf(file.path)) {
      const linker = this.files.get(from);
      if (linker) this.count(linker, file.name, -1);
    }
  }

  /** Forgets every link (they are all counted anew). */
  clear(): void {
    this.reach.clear();
    this.cache = undefined;
  }

  /**
   * The folders whose files link to the most other teams' minutes (at least two teams, and at
   * least half the reach of the best; a repository that holds several copies or programmes has several).
   */
  folders(): string[] {
    if (this.cache) return this.cache;
    const best = Math.max(0, ...[...this.reach.values()].map((s) => s.size));
    const threshold = Math.max(WEEKLY_MIN_TEAMS, Math.ceil(best / 2));
    this.cache = [...this.reach.entries()]
      .filter(([, set]) => set.size >= threshold)
      .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
      .map(([team]) => team);
    return this.cache;
  }

  private count(from: IndexedFile, targetName: MinutesFileName | undefined, delta: 1 | -1): void {
    const team = from.name.team;
    if (!team || !from.name.date || !targetName?.date) return;
    const other = targetName.team;
    if (!other || other === team) return;
    let counts = this.reach.get(team);
    if (!counts) this.reach.set(team, (counts = new Map()));
    const n = (counts.get(other) ?? 0) + delta;
    if (n > 0) counts.set(other, n);
    else counts.delete(other);
    if (counts.size === 0) this.reach.delete(team);
    // The weekly folders depend on which teams each team reaches, not on how often.
    if (n === 0 || (n === 1 && delta === 1)) this.cache = undefined;
  }
}
