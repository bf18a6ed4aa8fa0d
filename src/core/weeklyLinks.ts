// "Link This Week's Team Minutes": for each team section of a weekly, the `Minutes:` line that
// links the team's minutes of the weekly's week, in the link style the file already uses.
import { dateBound, type MinutesIndex, type TeamMinutes } from './index';
import type { TextEdit } from './diagnostics';
import { addDays } from './dates';
import { parseFileName, teamSlug } from './paths';
import { parseMinutes } from './parse';
import { sectionEndLine } from './sections';
import { githubUrl, relativeLink } from './github';
import { encodePath } from './linkEdit';
import { teamDisplayNames, guessTeamName } from './teams';
import { LineIndex, stripBom } from './text';
import type { MinutesDocument, MinutesHeading } from './model';

/** A team's minutes in the seven days up to the weekly; several regular ones leave the choice open. */
export function minutesForWeekly(index: MinutesIndex, team: string, weeklyDate: string): { chosen?: TeamMinutes; candidates: TeamMinutes[] } {
  const from = addDays(weeklyDate, -6);
  const candidates = index.minutesOfTeamBetween(team, from, weeklyDate);
  const regular = candidates.filter((m) => !parseFileName(m.file).suffix);
  if (regular.length === 1) return { chosen: regular[0], candidates };
  if (regular.length === 0 && candidates.length === 1) return { chosen: candidates[0], candidates };
  return { candidates };
}

/** Teams linked by at least half of the last eight weeklies before `date` (with four or more to go by). */
export function usuallyLinkedTeams(index: MinutesIndex, weeklyFolder: string, date: string): Set<string> {
  const weeklies = index.minutesOfTeam(weeklyFolder);
  const upTo = dateBound(weeklies, date, false);
  const previous = weeklies.slice(Math.max(0, upTo - 8), upTo);
  const counts = new Map<string, number>();
  for (const w of previous) {
    const teams = new Set((index.get(w.file)?.targets ?? []).map((t) => parseFileName(t)).filter((n) => n.date && n.team !== weeklyFolder).map((n) => n.team!));
    for (const t of teams) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => previous.length >= 4 && n * 2 >= previous.length).map(([t]) => t));
}

/** British and American spellings alike: `Standardisation` is `standardization`. */
const spelling = (s: string) => s.toLowerCase().replace(/isation/g, 'ization').replace(/yse\b/g, 'yze');
const letters = (s: string) => spelling(s).replace(/^(?:team)\s+/, '').replace(/[^\p{L}\p{N}]/gu, '');
/** The words of a name without a leading `Team`, `SIG` or `WG`: `SIG Standardisation & Certification` → standardization, certification. */
const nameWords = (s: string) => {
  const words = spelling(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  while (words.length > 1 && /^(?:team|sig|wg|the)$/.test(words[0])) words.shift();
  return words;
};

/**
 * The heading of a team's section in a weekly (`### Team IaaS`, `# SIG Documentation`): its name as
 * the folder, the display name or the guessed name, in either spelling, or a heading that starts
 * with that name and adds a little (`SIG Standardisation & Certification` for `sig-standardization`).
 */
export function teamSection(headings: readonly MinutesHeading[], team: string, name: string): MinutesHeading | undefined {
  const names = [teamSlug(team), name, guessTeamName(teamSlug(team))];
  const wanted = new Set(names.map(letters));
  const exact = headings.find((h, i) => i > 0 && wanted.has(letters(h.text)));
  if (exact) return exact;
  const prefixes = names.map(nameWords).filter((w) => w.length > 0);
  return headings.find((h, i) => {
    if (i === 0 || h.level > 3) return false;
    const words = nameWords(h.text);
    return prefixes.some((p) => words.length >= p.length && words.length <= p.length + 2 && p.every((w, k) => words[k] === w));
  });
}

export interface WeeklyLinkPlan {
  edits: TextEdit[];
  /** What changes, a line each, for the preview and the summary. */
  changes: string[];
  /** Teams whose minutes could not be chosen, with why. */
  undecided: string[];
  /** Each change with its own edits (a new section: its text, inserted with the other new ones), to apply some of them. */
  items: WeeklyLinkChange[];
  /** Where new team sections go. */
  additionsAt?: { line: number; character: number };
}

export interface WeeklyLinkChange {
  change: string;
  edits: TextEdit[];
  /** A new team section's text. */
  addition?: string;
}

/** The edits of some of a plan's changes (all of them: the plan's own edits). */
export function editsOf(plan: WeeklyLinkPlan, chosen: readonly WeeklyLinkChange[]): TextEdit[] {
  const edits = chosen.flatMap((c) => c.edits);
  const additions = chosen.filter((c) => c.addition !== undefined).map((c) => c.addition!);
  if (additions.length && plan.additionsAt) edits.push({ range: { start: plan.additionsAt, end: plan.additionsAt }, newText: `\n${additions.join('\n')}\n` });
  return edits;
}

const MINUTES_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?Minutes(?:\*\*|__)?\s*:(?:\*\*|__)?/i;

/** Plans the `Minutes:` lines of the weekly at `path` whose current text is `input`. */
export function planWeeklyLinks(index: MinutesIndex, path: string, input: string): WeeklyLinkPlan {
  const text = stripBom(input);
  const name = parseFileName(path);
  const plan: WeeklyLinkPlan = { edits: [], changes: [], undecided: [], items: [] };
  const change = (what: string, edits: TextEdit[], addition?: string) => {
    plan.edits.push(...edits);
    plan.changes.push(what);
    plan.items.push(addition === undefined ? { change: what, edits } : { change: what, edits, addition });
  };
  if (!name.date || !name.team) return plan;
  const weeklyDate = name.date;
  const doc = parseMinutes(text);
  const lines = new LineIndex(text);
  const names = teamDisplayNames(index);
  const style = linkStyle(index, path, doc);
  const url = (file: string) => (style.form === 'relative' ? encodePath(relativeLink(path, file)) : githubUrl(index, file));
  const line = (file: string, missing: boolean) => {
    const target = url(file)!;
    const link = style.form === 'inline' ? `[${file}](${target})` : style.form === 'relative' ? `[${file}](${target})` : `<${target}>`;
    return `Minutes: ${link}${missing ? ' (waiting to be merged)' : ''}`;
  };
  const teams = new Set<string>(usuallyLinkedTeams(index, name.team, weeklyDate));
  // Teams with a section in this weekly count too, whether usual or not.
  for (const team of index.teams()) if (team !== name.team && teamSection(doc.headings, team, names.get(team) ?? team)) teams.add(team);
  let lastTeamSection: MinutesHeading | undefined;
  const additions: string[] = [];
  for (const team of [...teams].sort()) {
    const display = names.get(team) ?? guessTeamName(teamSlug(team));
    const section = teamSection(doc.headings, team, display);
    if (section && (!lastTeamSection || section.range.start.line > lastTeamSection.range.start.line)) lastTeamSection = section;
    const { chosen, candidates } = minutesForWeekly(index, team, weeklyDate);
    if (!chosen) {
      if (candidates.length > 1) plan.undecided.push(`${display}: ${candidates.length} minutes in the week (${candidates.map((c) => c.file).join(', ')}); link the right one by hand`);
      continue;
    }
    if (!section) {
      const addition = `### Team ${display}\n\n${line(chosen.file, false)}\n`;
      additions.push(addition);
      change(`${display}: new section linking ${chosen.file}`, [], addition);
      continue;
    }
    const end = sectionEndLine(doc, section);
    let existing: number | undefined;
    for (let l = section.range.end.line + 1; l <= Math.min(end, lines.lineCount - 1); l++) {
      if (MINUTES_LINE.test(lines.lineText(l))) {
        existing = l;
        break;
      }
    }
    const wanted = line(chosen.file, false);
    if (existing === undefined) {
      const at = section.range.end.line + 1;
      change(`${display}: link ${chosen.file}`, [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `\n${wanted}\n` }]);
      continue;
    }
    const current = lines.lineText(existing);
    const linked = doc.links.filter((l) => l.range.start.line === existing).map((l) => index.resolve(path, l)).find((t) => t.kind === 'internal');
    if (linked?.kind === 'internal' && linked.path === chosen.file) continue;
    change(`${display}: ${linked?.kind === 'internal' ? `${linked.path} → ` : ''}${chosen.file}`, [{ range: { start: { line: existing, character: 0 }, end: { line: existing, character: current.length } }, newText: wanted }]);
  }
  // Links to files that do not exist yet stay, marked as waiting.
  for (const l of doc.links) {
    const t = index.resolve(path, l);
    if (t.kind !== 'internal' || !parseFileName(t.path).date || index.hasFile(t.path) || l.waiting) continue;
    if (plan.edits.some((e) => e.range.start.line === l.range.start.line)) continue;
    const end = lines.lineText(l.range.start.line).length;
    change(`${t.path}: not in the repository yet, marked "(waiting to be merged)"`, [{ range: { start: { line: l.range.start.line, character: end }, end: { line: l.range.start.line, character: end } }, newText: ' (waiting to be merged)' }]);
  }
  if (additions.length) {
    const after = lastTeamSection ? sectionEndLine(doc, lastTeamSection) + 1 : lines.lineCount;
    const at = Math.min(after, lines.lineCount);
    plan.additionsAt = { line: at, character: 0 };
    plan.edits.push({ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `\n${additions.join('\n')}\n` });
  }
  return plan;
}

/** The `Minutes:` line a weekly at `path` would write for `file`, in the link form the weekly (or the one before it) uses. */
export function weeklyMinutesLine(index: MinutesIndex, path: string, doc: MinutesDocument, file: string): string {
  const style = linkStyle(index, path, doc);
  const url = style.form === 'relative' || !index.identity ? encodePath(relativeLink(path, file)) : githubUrl(index, file)!;
  return `Minutes: ${style.form === 'autolink' && index.identity ? `<${url}>` : `[${file}](${url})`}`;
}

/** How the weekly writes its links to team minutes: `<url>`, `[text](url)`, or relative (else as the weekly before it). */
function linkStyle(index: MinutesIndex, path: string, doc: MinutesDocument, depth = 0): { form: 'autolink' | 'inline' | 'relative' } {
  let autolink = 0;
  let inline = 0;
  let relative = 0;
  for (const l of doc.links) {
    const t = index.resolve(path, l);
    if (t.kind !== 'internal' || !parseFileName(t.path).date) continue;
    if (t.via !== 'github') relative++;
    else if (l.kind === 'inline') inline++;
    else autolink++;
  }
  if (autolink + inline + relative === 0) {
    const team = parseFileName(path).team;
    const date = parseFileName(path).date ?? '';
    const previous = team ? index.minutesOfTeam(team).filter((m) => m.date < date).at(-1) : undefined;
    const previousDoc = previous && index.get(previous.file)?.doc;
    if (previousDoc && depth < 3) return linkStyle(index, previous.file, previousDoc, depth + 1);
    return { form: index.identity ? 'autolink' : 'relative' };
  }
  if (relative > autolink + inline) return { form: 'relative' };
  return { form: inline > autolink ? 'inline' : 'autolink' };
}
