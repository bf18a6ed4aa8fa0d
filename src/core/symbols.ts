// Workspace symbols: meetings by team and date (`iaas 2023-04-26`), weeklies by week
// (`weekly 2023-W17`), and minutes headings, so Ctrl+T finds a meeting.
import type { MinutesIndex } from './index';
import type { Range } from './text';
import { teamSlug } from './paths';

export interface MinutesSymbol {
  name: string;
  detail: string;
  kind: 'meeting' | 'weekly' | 'heading';
  path: string;
  range: Range;
}

const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Symbols whose name contains every word of the query (case-insensitive; all when empty). */
export function workspaceSymbols(index: MinutesIndex, query: string, limit = 500): MinutesSymbol[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (name: string) => {
    const n = name.toLowerCase();
    return words.every((w) => n.includes(w));
  };
  const out: MinutesSymbol[] = [];
  const minutes = [...index.minutes()].reverse();
  for (const m of minutes) {
    const file = index.get(m.file);
    const range = file?.doc.title?.heading.range ?? FIRST_LINE;
    const weekly = index.isWeeklyFolder(m.team);
    const name = weekly ? `weekly ${file?.name.week ?? ''} ${m.date}` : `${teamSlug(m.team)} ${m.date}`;
    if (matches(name)) out.push({ name, detail: file?.doc.title?.heading.text ?? m.file, kind: weekly ? 'weekly' : 'meeting', path: m.file, range });
    if (out.length >= limit) return out;
  }
  // Headings only when the query asks for something (they are many).
  if (words.length) {
    for (const m of minutes) {
      const file = index.get(m.file);
      for (const h of file?.doc.headings ?? []) {
        if (h === file?.doc.title?.heading || !matches(h.text)) continue;
        out.push({ name: h.text, detail: `${teamSlug(m.team)} ${m.date}`, kind: 'heading', path: m.file, range: h.range });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}
