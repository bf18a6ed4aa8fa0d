// Output formats of `minutes weeks`. The JSON shape is a contract: keep it stable.
import type { WeekEntry } from '../../core/index';
import { isoWeekday } from '../../core/dates';
import { escapeText, safeJson } from './escape';
import { describeLayout, type TeamLayout } from '../../core/layout';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function formatWeeksJson(weeks: WeekEntry[]): string {
  return safeJson(JSON.stringify(weeks.map((w) => ({ week: w.week, start: w.start, end: w.end, weekly: w.weekly, minutes: w.minutes })), null, 2)) + '\n';
}

export function formatWeeksText(weeks: WeekEntry[], layouts: readonly TeamLayout[] = []): string {
  const lines: string[] = [];
  if (layouts.length) {
    lines.push('Layouts (team: the forms of its paths below its folder, {team} where it stands among them; files)');
    for (const l of layouts) lines.push(`  ${escapeText(l.team).padEnd(22)} ${escapeText(describeLayout(l))}`);
    lines.push('');
  }
  for (const w of weeks) {
    lines.push(`${w.week}  ${w.start} – ${w.end}`);
    if (w.weekly) lines.push(`  ${'weekly'.padEnd(22)} ${escapeText(w.weekly.file)}`);
    for (const m of w.minutes) {
      const role = m.role ? ` ${m.role}` : '';
      const related = m.related?.length ? `  + ${m.related.map((r) => `${r.role} ${escapeText(r.file)}`).join(', ')}` : '';
      lines.push(`  ${escapeText(m.team).padEnd(22)} ${escapeText(m.file)}  (${WEEKDAYS[isoWeekday(m.date) - 1]} ${m.date}${role})${related}`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}
