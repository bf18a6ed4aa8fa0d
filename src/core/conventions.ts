// Conventions of a team folder, learned from its own minutes with zero configuration: the usual
// sections in their usual order, the title's form, the weekday(s) it meets, and how files are
// named. Judged against a file's neighbours in time, so a team that changed its habits is held
// to the habits of the time.
import { dateBound, type MinutesIndex, type TeamMinutes } from './index';
import type { MinutesDocument } from './model';
import { cadenceOf, type Cadence } from './teams';
import { basename, parseFileName } from './paths';
import { normalizeSectionName } from './parse';

/** Canonical names of sections that go by several names. */
const SECTION_ALIASES: Record<string, string> = {
  attendees: 'participants',
  attendance: 'participants',
  present: 'participants',
  teilnehmer: 'participants',
  'participants list': 'participants',
  'action items': 'action items',
  'action item': 'action items',
  ais: 'action items',
  'action points': 'action items',
  todos: 'action items',
  'to dos': 'action items',
  topics: 'agenda',
  'agenda items': 'agenda',
};

export function canonicalSection(name: string, aliases: Record<string, string> = {}): string {
  return aliases[name] ?? SECTION_ALIASES[name] ?? name;
}

export interface SectionConvention {
  /** Canonical name (`participants`). */
  name: string;
  /** How the team usually writes it (`## Participants (github handles preferred)`). */
  heading: string;
  level: number;
  /** Share of the neighbouring minutes that have it (0..1). */
  share: number;
  /** Usual place among the sections (0 first). */
  order: number;
  /** Required by the configuration. */
  required?: boolean;
  /**
   * Held on both sides of the date (each side with enough minutes to tell), and written with content
   * in most files: a section a template change added or dropped, or usually left empty, is not.
   */
  stable: boolean;
}

export interface TitleConvention {
  level: number;
  /** The title with its date as `{date}`: `# SIG Documentation on {date}`. */
  form: string;
  share: number;
  /** Share of titles that carry a date. */
  datedShare: number;
  /** Share of titles that carry their date as `YYYY.MM.DD` (a team's style, not a slip). */
  dottedShare: number;
}

export interface FolderConventions {
  folder: string;
  /** How many minutes these conventions were learned from. */
  basis: number;
  sections: SectionConvention[];
  title?: TitleConvention;
  cadence?: Cadence;
  /**
   * Where each section stands in each of the minutes learned from (canonical name → place); which of
   * two comes first is counted when a rule asks (`precedes`), for the pairs it asks about.
   */
  places?: ReadonlyArray<ReadonlyMap<string, number>>;
  /** `compact` (YYYYMMDD.md) or `dashed` (YYYY-MM-DD.md), with the share of files named so. */
  naming?: { form: 'compact' | 'dashed'; share: number };
}

/** A section is conventional when this share of the neighbours has it. */
export const REQUIRED_SHARE = 0.9;
const WINDOW = 12;
/** Fewer neighbours than this make no conventions: the rules that need them stay silent. */
export const MIN_BASIS = 5;
/** A folder's titles carry a date when this share of the neighbours' titles do. */
export const DATED_TITLES_SHARE = 0.8;
/** A folder names its files one way (YYYYMMDD.md or YYYY-MM-DD.md) when this share of the neighbours do. */
export const NAMING_SHARE = 0.9;
/** A title's date at most this many days from the file name's is a meeting moved; farther, a typo. */
export const MAX_MOVED_MEETING_DAYS = 7;
/** Neighbours that put one section before another that make it the usual order. */
export const MIN_ORDER_EVIDENCE = 5;
/** Minutes on one side of a date that make a convention there. */
const MIN_SIDE = 3;

/** Minutes that say the meeting did not take place have no required sections. */
const CANCELLED = /\b(?:cancell?ed|canceled|skipped|no meeting|not held|postponed|abgesagt|entf[äa]llt|ausgefallen)\b/i;

const CANCELLED_OPENING = /^\W*(?:the\s+)?(?:meeting\s+|call\s+)?(?:is\s+|was\s+|has been\s+)?(?:cancell?ed|canceled|skipped|postponed|abgesagt|entf[äa]llt)\b/i;

/** saysCancelled's answers: a model never changes (an edit makes a new one), and every check of a folder asks of each file. */
const cancelledMemo = new WeakMap<MinutesDocument, boolean>();

/** Whether the title or the first lines say the meeting was cancelled or skipped. */
export function saysCancelled(doc: MinutesDocument): boolean {
  let answer = cancelledMemo.get(doc);
  if (answer === undefined) {
    // A note near the top that says so (`> NOTE: Cancelled`), a section that opens by saying so
    // (`## Agenda` / "Canceled due to low attendance"), or an early heading or text that says it.
    answer = Boolean(doc.cancelled) || Boolean(doc.title && CANCELLED.test(doc.title.heading.text)) ||
      doc.headings.some((h, i) => CANCELLED_OPENING.test(h.snippet) || (i < 3 && (CANCELLED.test(h.text) || CANCELLED.test(h.snippet.slice(0, 200)))));
    cancelledMemo.set(doc, answer);
  }
  return answer;
}

const DATE = /\d{4}-\d{2}-\d{2}/;
/** `2018.11.16`: how some teams write a title's date. */
export const DOTTED_DATE = /(?<!\d)\d{4}\.\d{2}\.\d{2}(?!\d)/;

/**
 * Sections of a document: its headings below the title down to one level under it (a `## date`
 * title may have `##` sections, as some teams write).
 */
export function sectionHeadings(doc: MinutesDocument) {
  const deepest = Math.max(2, (doc.title?.heading.level ?? 1) + 1);
  return doc.headings.filter((h) => h !== doc.title?.heading && h.level <= deepest);
}

/**
 * Canonical names of every heading of a document, however deep: a section is present at any
 * level, and a heading GitHub misses for want of a space (`##Agenda`) is reported by markup instead.
 */
export function presentSections(doc: MinutesDocument, aliases?: Record<string, string>): Set<string> {
  const names = doc.headings.filter((h) => h !== doc.title?.heading).map((h) => canonicalSection(h.name, aliases));
  for (const issue of doc.markup) if (issue.text) names.push(canonicalSection(normalizeSectionName(issue.text), aliases));
  return new Set(names);
}

/**
 * Whether a section the convention names is there in other words: `Action Item` for `action items`,
 * `Agenda and notes` for `agenda` (every word of the name, singular or plural, among the heading's).
 * A section worded slightly differently is not missing.
 */
export function presentInOtherWords(name: string, present: ReadonlySet<string>): boolean {
  const wanted = sectionWords(name);
  if (wanted.length === 0) return false;
  for (const p of present) {
    const words = new Set(sectionWords(p));
    if (wanted.every((w) => words.has(w))) return true;
  }
  return false;
}

/** A section name's words, each without a plural `s` (`items` → `item`). */
function sectionWords(name: string): string[] {
  return name.split(/[\s-]+/).filter(Boolean).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

interface SectionOfDocument {
  /** Canonical name. */
  name: string;
  level: number;
  /** Place among the document's sections, 0 (first) to 1 (last). */
  place: number;
  /** The heading as written (`## Participants`). */
  written: string;
  /** Nothing under it: no text, no list item, no deeper heading (boilerplate left empty). */
  empty: boolean;
}

/**
 * A document's sections as conventions count them (the first heading of each canonical name), once
 * per model: a file is in the window of a dozen others, and a model never changes (an edit makes a new one).
 */
const sectionsCache = new WeakMap<MinutesDocument, { aliases: Record<string, string> | undefined; sections: SectionOfDocument[]; positions?: Map<string, number> }>();
function sectionsOf(doc: MinutesDocument, aliases: Record<string, string> | undefined): SectionOfDocument[] {
  const cached = sectionsCache.get(doc);
  if (cached && cached.aliases === aliases) return cached.sections;
  const sections: SectionOfDocument[] = [];
  const seen = new Set<string>();
  sectionHeadings(doc).forEach((h, i, list) => {
    const name = canonicalSection(h.name, aliases);
    if (!name || seen.has(name)) return;
    seen.add(name);
    const next = doc.headings[doc.headings.indexOf(h) + 1];
    const empty = !h.snippet.trim() && !h.items && !(next && next.level > h.level);
    sections.push({ name, level: h.level, place: list.length > 1 ? i / (list.length - 1) : 0, written: `${'#'.repeat(h.level)} ${h.text}`, empty });
  });
  sectionsCache.set(doc, { aliases, sections });
  return sections;
}

/** Where each of a document's sections stands among them (canonical name → place), once per model. */
function sectionPositions(doc: MinutesDocument, aliases: Record<string, string> | undefined): ReadonlyMap<string, number> {
  const own = sectionsOf(doc, aliases);
  const cached = sectionsCache.get(doc)!;
  return (cached.positions ??= new Map(own.map((section, i) => [section.name, i])));
}

/** Extra sessions (`20230710-workshop.md`) do not show a team's habits. */
const extraSessions = new WeakMap<TeamMinutes, boolean>();
function isExtraSession(m: TeamMinutes): boolean {
  let extra = extraSessions.get(m);
  if (extra === undefined) extraSessions.set(m, (extra = Boolean(parseFileName(m.file).suffix)));
  return extra;
}

/**
 * The minutes closest in time to `date` (excluding `exclude`), the window conventions are learned
 * from: the WINDOW nearest, ties in date order. `list` is sorted by date, so only the WINDOW
 * nearest on either side of `date` (and any of the same date as the farthest of them) can be among
 * them: the cost does not grow with the team's history.
 */
export function neighbours(list: readonly TeamMinutes[], date: string | undefined, exclude?: string): TeamMinutes[] {
  const counts = (m: TeamMinutes) => m.file !== exclude && !isExtraSession(m);
  if (!date) {
    const last: TeamMinutes[] = [];
    for (let i = list.length - 1; i >= 0 && last.length < WINDOW; i--) if (counts(list[i])) last.push(list[i]);
    return last.reverse();
  }
  const pivot = dateBound(list, date, true);
  const before: TeamMinutes[] = [];
  for (let i = pivot - 1; i >= 0; i--) {
    if (before.length >= WINDOW && list[i].date !== before[before.length - 1].date) break;
    if (counts(list[i])) before.push(list[i]);
  }
  const after: TeamMinutes[] = [];
  for (let i = pivot; i < list.length; i++) {
    if (after.length >= WINDOW && list[i].date !== after[after.length - 1].date) break;
    if (counts(list[i])) after.push(list[i]);
  }
  const day = dayNumber(date);
  // In date order, then nearest first (a stable sort keeps date order among equally near ones).
  return [...before.reverse(), ...after]
    .map((m) => ({ m, distance: Math.abs(dayNumber(m.date) - day) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, WINDOW)
    .map(({ m }) => m);
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export interface ConventionOptions {
  aliases?: Record<string, string>;
  /** Sections configured as required (canonical names). */
  requiredSections?: string[];
}

/** Conventions of `folder` around `date` (the latest when omitted), not counting `exclude`. */
export function conventionsOf(index: MinutesIndex, folder: string, date?: string, exclude?: string, options: ConventionOptions = {}): FolderConventions {
  const all = index.minutesOfTeam(folder);
  const basis = neighbours(all, date, exclude);
  const docs = basis.map((m) => index.get(m.file)?.doc).filter((d): d is MinutesDocument => Boolean(d));
  const result: FolderConventions = { folder, basis: docs.length, sections: [], cadence: teamCadence(all) };
  if (docs.length === 0) return result;

  const stats = new Map<string, { count: number; empty: number; before: number; after: number; orderSum: number; headings: Map<string, number>; level: number }>();
  const sides = { before: 0, after: 0 };
  // Which of two sections comes first is counted when a rule asks (`precedes`): a team's minutes can
  // have dozens of sections, and every pair of them in a dozen files adds up.
  const placed: Array<ReadonlyMap<string, number>> = [];
  result.places = placed;
  basis.forEach((m) => {
    const doc = index.get(m.file)?.doc;
    if (!doc) return;
    const side = date === undefined ? undefined : m.date < date ? 'before' : m.date > date ? 'after' : undefined;
    if (side) sides[side]++;
    const own = sectionsOf(doc, options.aliases);
    placed.push(sectionPositions(doc, options.aliases));
    for (const { name, level, place, written, empty } of own) {
      let s = stats.get(name);
      if (!s) stats.set(name, (s = { count: 0, empty: 0, before: 0, after: 0, orderSum: 0, headings: new Map(), level }));
      s.count++;
      if (empty) s.empty++;
      if (side) s[side]++;
      s.orderSum += place;
      s.headings.set(written, (s.headings.get(written) ?? 0) + 1);
    }
  });
  // A side of the date counts once it has a few minutes (the latest minutes are judged by the earlier
  // ones alone); a side where most minutes lack the section is another template's time.
  const heldOn = (n: number, of: number) => of < MIN_SIDE || n * 2 > of;
  for (const [name, s] of stats) {
    const share = s.count / docs.length;
    const required = options.requiredSections?.includes(name);
    if (share < 0.5 && !required) continue;
    const heading = [...s.headings.entries()].sort((a, b) => b[1] - a[1])[0][0];
    // Boilerplate left empty in most of the minutes is no section anyone writes.
    const boilerplate = s.empty * 2 >= s.count;
    const stable = Boolean(required) || (heldOn(s.before, sides.before) && heldOn(s.after, sides.after) && !boilerplate);
    result.sections.push({ name, heading, level: s.level, share: required ? 1 : share, order: s.orderSum / s.count, required: required || undefined, stable });
  }
  // Sections the configuration requires count even where no neighbour has them.
  for (const name of options.requiredSections ?? []) {
    const canonical = canonicalSection(name.toLowerCase(), options.aliases);
    if (!result.sections.some((x) => x.name === canonical)) result.sections.push({ name: canonical, heading: `## ${name.charAt(0).toUpperCase()}${name.slice(1)}`, level: 2, share: 1, order: 1, required: true, stable: true });
  }
  result.sections.sort((a, b) => a.order - b.order);

  const forms = new Map<string, { level: number; count: number }>();
  let dated = 0;
  let dotted = 0;
  let titled = 0;
  for (const doc of docs) {
    const t = doc.title?.heading;
    if (!t) continue;
    titled++;
    if (DATE.test(t.text)) dated++;
    else if (DOTTED_DATE.test(t.text)) dotted++;
    const form = `${'#'.repeat(t.level)} ${t.text.replace(DATE, '{date}')}`;
    const f = forms.get(form) ?? { level: t.level, count: 0 };
    f.count++;
    forms.set(form, f);
  }
  const best = [...forms.entries()].sort((a, b) => b[1].count - a[1].count)[0];
  if (best) result.title = { form: best[0], level: best[1].level, share: best[1].count / docs.length, datedShare: titled ? dated / titled : 0, dottedShare: titled ? dotted / titled : 0 };

  let compact = 0;
  for (const m of basis) if (/^\d{8}/.test(basename(m.file))) compact++;
  const form = compact * 2 >= basis.length ? 'compact' : 'dashed';
  result.naming = { form, share: (form === 'compact' ? compact : basis.length - compact) / basis.length };
  return result;
}

/** A team's cadence, once per state of its minutes (the index hands out the same list until they change). */
const cadences = new WeakMap<readonly TeamMinutes[], Cadence | undefined>();
function teamCadence(list: readonly TeamMinutes[]): Cadence | undefined {
  if (!cadences.has(list)) cadences.set(list, cadenceOf(list));
  const cadence = cadences.get(list);
  // A copy: callers may keep or change what they are given.
  return cadence && { weekdays: [...cadence.weekdays], intervalDays: cadence.intervalDays };
}

/** In how many of the minutes the conventions were learned from that have both sections `a` comes before `b`. */
export function precedes(conventions: FolderConventions, a: string, b: string): number {
  let n = 0;
  for (const at of conventions.places ?? []) {
    const x = at.get(a);
    const y = at.get(b);
    if (x !== undefined && y !== undefined && x < y) n++;
  }
  return n;
}

/** Whether there is enough history to hold a file to these conventions. */
export function isEstablished(conventions: FolderConventions): boolean {
  return conventions.basis >= MIN_BASIS;
}

/**
 * Whether a file is a regular meeting of its team, held to the team's conventions: not an extra
 * session (`20230710-workshop.md`) and not a weekly, whose sections are the teams reporting.
 */
export function isRegularMeeting(index: MinutesIndex, file: { name: { date?: string; suffix?: string; team?: string; role?: string }; doc?: MinutesDocument }): boolean {
  return Boolean(file.name.date) && !file.name.suffix && !file.name.role && !index.isWeeklyFolder(file.name.team) && !(file.doc && saysCancelled(file.doc));
}
