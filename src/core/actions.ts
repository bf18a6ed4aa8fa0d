// Action items across the repository: who owes what, from which meeting, and whether it is done
// (checked, struck through, or marked done in a later minutes of the same team).
import type { MinutesIndex } from './index';
import type { ActionItem } from './model';
import { isoWeekOf } from './dates';

export interface RepositoryAction extends ActionItem {
  file: string;
  team?: string;
  date?: string;
  /** The later minutes that mark it done, when that is how it was closed. */
  doneIn?: string;
}

const normalize = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Every action item of dated minutes, newest first; `open` keeps only those not done. */
export function repositoryActions(index: MinutesIndex, options: { open?: boolean; team?: string; owner?: string } = {}): RepositoryAction[] {
  const out: RepositoryAction[] = [];
  for (const m of [...index.minutes()].reverse()) {
    if (options.team && m.team !== options.team) continue;
    const file = index.get(m.file);
    for (const a of file?.doc.actions ?? []) out.push({ ...a, file: m.file, team: m.team, date: m.date });
  }
  // An item repeated in a later minutes of the same team as done closes the earlier one.
  const doneLater = new Map<string, RepositoryAction>();
  for (const a of out) {
    const key = `${a.team}|${normalize(a.text)}`;
    if (a.done && !doneLater.has(key)) doneLater.set(key, a);
  }
  for (const a of out) {
    if (a.done) continue;
    const closer = doneLater.get(`${a.team}|${normalize(a.text)}`);
    if (closer && (closer.date ?? '') > (a.date ?? '')) {
      a.done = true;
      a.doneIn = closer.file;
    }
  }
  // A still-open item carried over to later minutes is one item: keep its newest mention.
  const seen = new Set<string>();
  return out.filter((a) => {
    if (options.open && a.done) return false;
    if (options.owner && a.owner?.toLowerCase() !== options.owner.replace(/^@/, '').toLowerCase()) return false;
    if (!options.open) return true;
    const key = `${a.team}|${normalize(a.text)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function weekOfAction(a: RepositoryAction): string | undefined {
  return a.date ? isoWeekOf(a.date) : undefined;
}
