// Calendar arithmetic for meeting dates: plain YYYY-MM-DD strings and ISO 8601 weeks, all in UTC.

/** An ISO date `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO week `YYYY-Www`. */
export type IsoWeek = string;

const DAY_MS = 86_400_000;

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2999) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function formatDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function toUtc(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function fromUtc(d: Date): IsoDate {
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(date: IsoDate): number {
  const wd = toUtc(date).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function isoWeekOf(date: IsoDate): IsoWeek {
  const d = toUtc(date);
  // The Thursday of this week decides the week's year.
  const thursday = new Date(d.getTime() + (4 - (d.getUTCDay() || 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const yearStart = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week. */
export function weekStart(week: IsoWeek): IsoDate {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = new Date(jan4).getUTCDay() || 7;
  const mondayWeek1 = jan4 - (jan4Weekday - 1) * DAY_MS;
  return fromUtc(new Date(mondayWeek1 + (Number(m[2]) - 1) * 7 * DAY_MS));
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/**
 * Dates written in other forms than ISO: `02/09/2015` (either order, both readings), `9.2.2015`,
 * `January 30, 2023`, `30 January 2023`.
 */
export function datesInProse(text: string): IsoDate[] {
  const out: IsoDate[] = [];
  const add = (y: number, m: number, d: number) => {
    if (isValidDate(y, m, d)) out.push(formatDate(y, m, d));
  };
  for (const m of text.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g)) {
    add(Number(m[3]), Number(m[1]), Number(m[2]));
    add(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  const month = (word: string) => MONTH_NAMES.indexOf(word.slice(0, 3).toLowerCase()) + 1;
  for (const m of text.matchAll(new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'))) add(Number(m[3]), month(m[1]), Number(m[2]));
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH_WORD},?\\s+(\\d{4})\\b`, 'gi'))) add(Number(m[3]), month(m[2]), Number(m[1]));
  return out;
}

/** `May 9th`, `December 17, 2018` (month, then day) and `10 January, 2023` (day, then month), with the groups of month and day. */
const MONTH_NAME_DATES: ReadonlyArray<[RegExp, number, number]> = [
  [new RegExp(`\\b${MONTH_WORD}(?![a-z])\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:–—-])(?:,?\\s+(\\d{4})\\b)?`, 'gi'), 1, 2],
  [new RegExp(`(?<!\\d\\s?[–—-]\\s?)\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?${MONTH_WORD}(?![a-z])(?:,?\\s+(\\d{4})\\b)?`, 'gi'), 2, 1],
];

/**
 * The first date written with a month's name (`May 9th`, `December 17, 2018`, `9 June`, `Sept 24`),
 * as written and as a date; a date without a year takes the year that puts it nearest `near`.
 * Undefined when there is none, or when the day is a span (`June 12-13`).
 */
export function monthNameDateIn(text: string, near: IsoDate): { written: string; date: IsoDate } | undefined {
  const month = (word: string) => MONTH_NAMES.indexOf(word.slice(0, 3).toLowerCase()) + 1;
  // The month's name starts with a capital, as in English prose: `may 3` is a verb and a number.
  let best: { at: number; written: string; date: IsoDate } | undefined;
  for (const [re, monthGroup, dayGroup] of MONTH_NAME_DATES) {
    for (const m of text.matchAll(re)) {
      if (best && best.at <= (m.index ?? 0)) break;
      const word = m[monthGroup];
      if (word[0] !== word[0].toUpperCase()) continue;
      const [mo, d, y] = [month(word), Number(m[dayGroup]), m[3] ? Number(m[3]) : undefined];
      const year = Number(near.slice(0, 4));
      const dates = (y !== undefined ? [y] : [year - 1, year, year + 1]).filter((c) => isValidDate(c, mo, d)).map((c) => formatDate(c, mo, d));
      if (!dates.length) continue;
      const date = dates.reduce((a, b) => (Math.abs(daysBetween(a, near)) <= Math.abs(daysBetween(b, near)) ? a : b));
      best = { at: m.index ?? 0, written: m[0], date };
      break;
    }
  }
  return best && { written: best.written, date: best.date };
}
