// Action items across the repository: who owes what, from which meeting, and whether it is done
// (checked, struck through, or marked done in a later minutes of the same team).
import type { MinutesIndex } from './index';
import type { ActionItem } from './model';
import type { Range } from './text';
import type { TextEdit } from './diagnostics';

export interface RepositoryAction extends ActionItem {
  file: string;
  team?: string;
  date?: string;
  /** The later minutes that mark it done, when that is how it was closed. */
  doneIn?: string;
  /** The task as a to-do line: what is to be done, without the marker, the owner or status words. */
  title: string;
}

/** How many weeks before the newest minutes an open item is still current (the Action Items view's default). */
export const DEFAULT_MAX_AGE_WEEKS = 26;

export interface ActionQuery {
  /** Only items not done, each once (its newest mention). */
  open?: boolean;
  team?: string;
  owner?: string;
  /** Only items written on or after this date (older ones are no longer current). */
  since?: string;
}

const normalize = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Every action item of dated minutes, newest first; `open` keeps only those not done. */
export function repositoryActions(index: MinutesIndex, options: ActionQuery = {}): RepositoryAction[] {
  const out: RepositoryAction[] = [];
  for (const m of [...index.minutes()].reverse()) {
    if (options.team && m.team !== options.team) continue;
    if (options.since && m.date < options.since) continue;
    const file = index.get(m.file);
    for (const a of file?.doc.actions ?? []) {
      out.push({ ...a, done: a.done || markedDone(a.text), file: m.file, team: m.team, date: m.date, title: actionTitle(a.text, a.section) });
    }
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

/** "… – DONE", "✅", ":white_check_mark:", "… (done)", "… - done", "… ** Done", "… [[done](link)]" in the item itself. */
function markedDone(text: string): boolean {
  return /:white_check_mark:|:heavy_check_mark:|[✅✔☑]|\bDONE\b/.test(text) || /(?:\(\s*(?:done|completed|erledigt)\s*\)|\[\[?(?:done|completed)\]|\s[-–—:>*]+\s*(?:done|completed|erledigt))[\s.!*]*(?:\(\S*\)\]?)?[\s.!*]*$/i.test(text);
}

/** An AI marker that introduces or closes a task: `AI @x:`, `AI:`, `(AI @x)`, `**AI**`, `Action item:`. */
const MARKER = /(?:^|[\s(\[,;:>–-])(?:AI\b|ACTION ITEM|Action [Ii]tem)\s*(?=[:@(])/g;
/** Words that answer rather than name a task. */
const NOT_A_TASK = /^(?:yes|no|ok|okay|agreed|sure|done|tbd|tbc|n\/a|none|\+1|-)$/i;
/** Status or kind words before the task: `Pending:`, `todo:`, `Question:`. */
const STATUS_PREFIX = /^(?:todo|to do|pending|open|ongoing|in progress|wip|question|follow[- ]?up|next steps?|action(?: item)?|task|note|update)\s*[:\-–]\s*/i;
/** Connecting words a fragment starts with once the owner is cut off: `to organize us`, `will create …`. */
const LEAD_WORDS = /^(?:and|&|\+|to|will|would|shall|should|must|has to|have to|needs? to|is to|are to|is going to|are going to|plans? to|wants? to|takes? care to|offers? to|also|then|please)\b\s*/i;
const HANDLE = /@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/;
const LEADING_HANDLES = new RegExp(`^(?:(?:${HANDLE.source})\\s*(?:\\([^)]*\\))?\\s*(?:,|&|\\+|and\\b|or\\b|/)?\\s*)+`);
const MAX_TITLE = 100;

/**
 * The task of an action item as a to-do line: the words around the AI marker that name the work
 * (`Yes (AI @x)` has none: then the topic it was raised under), without leading connectors
 * (`to`, `will`, `and`), owners, status words or punctuation, capitalised.
 */
export function actionTitle(text: string, section?: string): string {
  const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  // The line with the marker names the task; else the first line.
  const line = lines.find((l) => new RegExp(MARKER.source).test(l)) ?? lines[0] ?? '';
  let candidates: string[];
  const markers = [...line.matchAll(MARKER)];
  if (markers.length) {
    const m = markers[0];
    const before = line.slice(0, m.index);
    const after = line.slice(m.index + m[0].length);
    // `task (AI @x)` names the task before the marker; `… AI @x: task` after it.
    candidates = m[0].startsWith('(') ? [clean(before), clean(after.replace(/\).*$/, ''))] : [clean(after), clean(before)];
  } else candidates = [clean(line)];
  let title = candidates.find((c) => isTask(c)) ?? '';
  const topic = section ? clean(section.replace(/\s*\([^)]*\)\s*$/, '')) : '';
  if (!title) title = topic ? `Follow up on “${short(topic, 80)}”` : 'Follow up';
  else if (words(title) <= 2 && topic && topic.toLowerCase() !== title.toLowerCase()) title = `${title} (${short(topic, 60)})`;
  return short(capitalize(title), MAX_TITLE);
}

function isTask(s: string): boolean {
  return /\p{L}/u.test(s) && !NOT_A_TASK.test(s);
}

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function clean(raw: string): string {
  let s = raw
    .replace(/:[a-z][a-z0-9_+-]*:/g, ' ') // emoji shortcodes
    .replace(/[✅✔☑]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let before = ''; before !== s; ) {
    before = s;
    s = s
      .replace(/^[^\p{L}\p{N}@"“'(]+/u, '') // punctuation, arrows, bullets
      .replace(/^\(\s*\)\s*/, '')
      // `[2021-05-04]: …` (when it was raised), `AI(binji): …` (whose it is, without an @).
      .replace(/^\[?\d{4}-\d{2}-\d{2}\]\s*:?\s*/, '')
      .replace(/^\([\w.-]+\)\s*:\s*/, '')
      .replace(STATUS_PREFIX, '')
      .replace(/^AI\b\s*(?:[:@(]|$)\s*/, (m) => (m.includes('@') ? '@' : m.includes('(') ? '(' : ''))
      .replace(LEADING_HANDLES, '')
      .replace(/^\((?:[^()]*@[^()]*)?\)\s*/, '')
      .replace(LEAD_WORDS, '')
      .trim();
  }
  // Trailing owners, status and punctuation: `… (@x, @y)`, `… - AI: @x`, `… -> done?`.
  for (let before = ''; before !== s; ) {
    before = s;
    s = s
      .replace(/\s*\((?:[^()]*@[^()]*|\s*)\)\s*$/, '')
      .replace(/\s*(?:[-–—>]+|\bAI\b(?=\s*[:@]))\s*:?\s*(?:@[\w-]+[\s,&+]*)*$/, '')
      .replace(/[\s,;:(\-–—<>=&+]+$/, '')
      .trim();
    // A closing bracket the cut left without its opening one.
    if (/\)$/.test(s) && (s.match(/\(/g)?.length ?? 0) < (s.match(/\)/g)?.length ?? 0)) s = s.slice(0, -1).trim();
  }
  // A quote or bracket left unbalanced by the cuts.
  if (/^["“(]/.test(s) && !/["”)]/.test(s.slice(1))) s = s.slice(1).trim();
  return s;
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

function short(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(\-–—]+$/, '')}…`;
}

/**
 * The edits that mark an action item done in its file: a task's box ticked (`- [x]`), a list
 * item struck through (`- ~~…~~`), anything else followed by ✅, each of which reads as done.
 */
export function markDoneEdits(lineAt: (line: number) => string, range: Range): TextEdit[] {
  const line = range.start.line;
  const first = lineAt(line);
  const box = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+)\[ \]/.exec(first);
  if (box) return [{ range: { start: { line, character: box[1].length + 1 }, end: { line, character: box[1].length + 2 } }, newText: 'x' }];
  const marker = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+/.exec(first);
  let end = range.end;
  // Trailing spaces stay outside the strike (GFM needs `~~` next to text).
  const last = lineAt(end.line).slice(0, end.character);
  end = { line: end.line, character: last.replace(/\s+$/, '').length };
  if (!marker) return [{ range: { start: end, end }, newText: ' ✅' }];
  const start = { line, character: Math.max(range.start.character, marker[0].length) };
  return [
    { range: { start, end: start }, newText: '~~' },
    { range: { start: end, end }, newText: '~~' },
  ];
}
