// Where a minutes file's path keeps its team and its date, for the layouts repositories really use:
// `iaas/20230426.md`, `meetings/2023-04-27.md`, `wg/2023/WG-04-25.md`, `plenary/2023-01/jan-30.md`,
// `2023/calls/01-23-minutes.md`, `core-2024-10-21.md`, with agendas, slides and logs of the same
// meeting beside the minutes. Pure: a path alone decides (the configuration's `layout` patterns
// first), so the index stays exact under any order of changes; `learnLayouts` sums up per team
// which of these forms its files use, for Show Conventions and `minutes weeks`.
import { formatDate, isValidDate, type IsoDate } from './dates';

/** What a file is to its meeting: the minutes (the primary file), or something beside them. */
export type MeetingRole = 'minutes' | 'agenda' | 'slides' | 'log';

export interface DatedPath {
  /** The team: the folders above the file without those that carry the date or hold slides or logs; `.` at the root. */
  team: string;
  date: IsoDate;
  /** Words after the date that name another meeting of the day (`overflow`, `workshop`). */
  suffix?: string;
  /** Words before the date (`WG` in `WG-2026-01-13.md`). */
  prefix?: string;
  role: MeetingRole;
  /** The form of the path below the team folder (`YYYY/WG-MM-DD.md`, `YYYY-MM/mon-D.md`, `YYYYMMDD.md`), or around it (`YYYY/{team}/MM-DD-minutes.md`). */
  layout: string;
}

export const ROOT_TEAM = '.';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH_NAME = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** Folders that hold other material of the meetings, never a team of their own. */
const ARTIFACT_FOLDERS: Record<string, MeetingRole> = {
  slides: 'slides', presentations: 'slides', presentation: 'slides', decks: 'slides',
  'irc-logs': 'log', irclogs: 'log', irc: 'log', logs: 'log', chat: 'log', transcripts: 'log',
  agendas: 'agenda',
};

/** Words in a name that say what the file is (not another meeting). */
const ROLE_WORDS: Record<string, MeetingRole> = {
  minutes: 'minutes', notes: 'minutes', protocol: 'minutes', protokoll: 'minutes', summary: 'minutes', mom: 'minutes', meeting: 'minutes', call: 'minutes',
  agenda: 'agenda', slides: 'slides', presentation: 'slides', deck: 'slides', log: 'log', irc: 'log', chat: 'log', transcript: 'log',
};

const YEAR = /^(19[7-9]\d|2[01]\d\d)$/;
const YEAR_MONTH = /^(19[7-9]\d|2[01]\d\d)[-_](\d{2})$/;
const QUARTER = /^(?:q[1-4]|h[12])$/i;

// `2023-04-26`, `20230426`, `2019.05.14`; words before it may have spaces (`T-compiler Meeting Agenda 2026-08-20.md`),
// words after it may follow a dot (`2019-03-20.agenda.md`).
const FULL_DATE = /^(?:([A-Za-z][\w. -]*?)[-_ ])?(\d{4})([-_.]?)(\d{2})\3(\d{2})(?:[-_ .]+(.+))?$/;
const MONTH_DAY = /^(?:([A-Za-z][\w.-]*?)[-_ ])?(\d{1,2})[-_](\d{1,2})(?:[-_ ](.+))?$/;
const COMPACT_MONTH_DAY = /^(\d{2})(\d{2})(?:[-_ ](.+))?$/;
const NAMED_MONTH_DAY = new RegExp(`^(?:([A-Za-z][\\w.-]*?)[-_ ])?(${MONTH_NAME})\\.?[-_ ]?(\\d{1,2})(?:st|nd|rd|th)?(?:[-_ ](.+))?$`, 'i');
const DAY_NAMED_MONTH = new RegExp(`^(\\d{1,2})[-_ ]?(${MONTH_NAME})(?:[-_ ](.+))?$`, 'i');
const DAY_ONLY = /^(\d{1,2})(?:[-_ ](.+))?$/;

interface FolderDate {
  year?: number;
  month?: number;
  /** Indexes of the segments that carry the date. */
  segments: Set<number>;
  /** Their form, for the layout: `YYYY`, `YYYY-MM`, `YYYY/MM`. */
  form: string;
}

/** The year (and month) the folders above a file carry: the nearest `YYYY`, `YYYY-MM` or `YYYY/MM`. */
function folderDate(dirs: readonly string[]): FolderDate {
  for (let i = dirs.length - 1; i >= 0; i--) {
    const ym = YEAR_MONTH.exec(dirs[i]);
    if (ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) return { year: Number(ym[1]), month: Number(ym[2]), segments: new Set([i]), form: 'YYYY-MM' };
    if (YEAR.test(dirs[i])) {
      const next = dirs[i + 1];
      if (next !== undefined && /^\d{2}$/.test(next) && Number(next) >= 1 && Number(next) <= 12) {
        return { year: Number(dirs[i]), month: Number(next), segments: new Set([i, i + 1]), form: 'YYYY/MM' };
      }
      // `2018/Q4/2018-12-12-….md`: a quarter's (or half-year's) folder is part of the date, not a team.
      if (next !== undefined && QUARTER.test(next)) return { year: Number(dirs[i]), segments: new Set([i, i + 1]), form: 'YYYY/Qn' };
      return { year: Number(dirs[i]), segments: new Set([i]), form: 'YYYY' };
    }
  }
  return { segments: new Set(), form: '' };
}

function roleOfWords(words: string | undefined): MeetingRole | undefined {
  if (!words) return undefined;
  for (const w of words.toLowerCase().split(/[-_ .]+/)) if (ROLE_WORDS[w]) return ROLE_WORDS[w];
  return undefined;
}

/** Words that say only what the file is are no other meeting: `minutes` in `2023-04-27-minutes.md`. */
function extraWords(words: string | undefined): string | undefined {
  if (!words) return undefined;
  const rest = words.split(/[-_ .]+/).filter((w) => w && !ROLE_WORDS[w.toLowerCase()]);
  return rest.length ? words : undefined;
}

function stemOf(name: string): string | undefined {
  const m = /^(.*)\.(?:md|markdown)$/i.exec(name);
  return m?.[1];
}

/** Reads a dated path with the built-in layouts; undefined when its path dates no meeting. */
export function parseDatedPath(path: string): DatedPath | undefined {
  const segments = path.split('/');
  const name = segments[segments.length - 1];
  const dirs = segments.slice(0, -1);
  const stem = stemOf(name);
  if (stem === undefined) return undefined;
  const folder = folderDate(dirs);
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let prefix: string | undefined;
  let words: string | undefined;
  let form: string;
  let usesFolder = false;

  let m = FULL_DATE.exec(stem);
  if (m) {
    [prefix, year, month, day, words] = [m[1], Number(m[2]), Number(m[4]), Number(m[5]), m[6]];
    form = m[3] ? `YYYY${m[3]}MM${m[3]}DD` : 'YYYYMMDD';
  } else if (folder.year !== undefined && (m = NAMED_MONTH_DAY.exec(stem))) {
    [prefix, month, day, words] = [m[1], MONTHS[m[2].toLowerCase()], Number(m[3]), m[4]];
    form = 'mon-D';
    usesFolder = true;
  } else if (folder.year !== undefined && (m = DAY_NAMED_MONTH.exec(stem))) {
    [day, month, words] = [Number(m[1]), MONTHS[m[2].toLowerCase()], m[3]];
    form = 'D-mon';
    usesFolder = true;
  } else if (folder.year !== undefined && folder.month !== undefined && (m = DAY_ONLY.exec(stem))) {
    [day, words] = [Number(m[1]), m[2]];
    month = folder.month;
    form = 'DD';
    usesFolder = true;
  } else if (folder.year !== undefined && (m = MONTH_DAY.exec(stem))) {
    const [a, b] = [Number(m[2]), Number(m[3])];
    // Month first, as every such layout seen does; day first only where it cannot be a month.
    [month, day] = a > 12 && b <= 12 ? [b, a] : [a, b];
    [prefix, words] = [m[1], m[4]];
    form = a > 12 && b <= 12 ? 'DD-MM' : 'MM-DD';
    usesFolder = true;
  } else if (folder.year !== undefined && (m = COMPACT_MONTH_DAY.exec(stem))) {
    [month, day, words] = [Number(m[1]), Number(m[2]), m[3]];
    form = 'MMDD';
    usesFolder = true;
  } else return undefined;

  if (usesFolder) {
    year = folder.year!;
    // A meeting over the turn of a month keeps its folder: `2023-12/jan-02.md` is in the next year.
    if (folder.month === 12 && month === 1) year++;
  }
  if (year === undefined || month === undefined || day === undefined || !isValidDate(year, month, day)) return undefined;
  const date = formatDate(year, month, day);

  let role: MeetingRole = roleOfWords(words) ?? roleOfWords(prefix) ?? 'minutes';
  const teamSegments: string[] = [];
  const layoutSegments: string[] = [];
  dirs.forEach((seg, i) => {
    if (folder.segments.has(i)) {
      if (folder.form === 'YYYY/MM' || folder.form === 'YYYY/Qn') {
        const second = folder.form === 'YYYY/MM' ? 'MM' : 'Qn';
        layoutSegments.push(layoutSegments.length && layoutSegments[layoutSegments.length - 1] === 'YYYY' ? second : 'YYYY');
      }
      else layoutSegments.push(folder.form);
      return;
    }
    const artifact = ARTIFACT_FOLDERS[seg.toLowerCase()];
    if (artifact) {
      if (role === 'minutes') role = artifact;
      layoutSegments.push(seg);
      return;
    }
    // Folders below the date are the team all the same (`2023/calls/…` is team `calls`); the layout says where it stands.
    if (teamSegments.length === 0 && layoutSegments.length) layoutSegments.push('{team}');
    teamSegments.push(seg);
  });
  const team = teamSegments.length ? teamSegments.join('/') : ROOT_TEAM;
  const wordsForm = words ? `-${roleOfWords(words) && !extraWords(words) ? words : '*'}` : '';
  // The prefix as written, with the separator after it (`WG-`, `T-compiler Meeting Agenda `).
  const prefixForm = prefix ? `${prefix}${stem.charAt(prefix.length)}` : '';
  const layout = [...layoutSegments, `${prefixForm}${form}${wordsForm}.md`].join('/');
  return { team, date, suffix: extraWords(words), prefix, role, layout };
}

// ---- the configuration's patterns ------------------------------------------------

/**
 * A `layout` pattern of `.minutes.jsonc`: `{team}/{yyyy}/*-{mm}-{dd}.md`. Placeholders: `{team}`
 * (one or more folders), `{yyyy}`, `{mm}`/`{m}`, `{dd}`/`{d}`, `{mon}` (a month's name), `*` (any
 * text within a segment), `**` (any folders).
 */
export interface CompiledLayout {
  pattern: string;
  regex: RegExp;
  groups: string[];
}

const PLACEHOLDERS: Record<string, string> = {
  team: '(.+?)',
  yyyy: '(\\d{4})',
  mm: '(\\d{2})',
  m: '(\\d{1,2})',
  dd: '(\\d{2})',
  d: '(\\d{1,2})',
  mon: `(${MONTH_NAME})`,
};

const MAX_LAYOUTS = 20;
const MAX_LAYOUT_LENGTH = 256;
const MAX_VARIABLE_PARTS = 2;
/** Longer paths are not read with configured layouts (a bound on the matching time). */
const MAX_LAYOUT_PATH = 512;

/** Compiles `layout` patterns, or says what is wrong with one. */
export function compileLayouts(patterns: readonly string[]): { layouts: CompiledLayout[]; errors: string[] } {
  const layouts: CompiledLayout[] = [];
  const errors: string[] = [];
  for (const pattern of patterns.slice(0, MAX_LAYOUTS)) {
    const groups: string[] = [];
    let source = '';
    let bad: string | undefined;
    const tokens = pattern.length > MAX_LAYOUT_LENGTH ? [] : pattern.replace(/^\.?\/+/, '').match(/\{[^}]*\}|\*\*\/|\*|[^{*]+/g) ?? [];
    // The patterns come from the repository: each becomes a regular expression, so the parts that
    // match any length ({team}, *, **/) are few and never side by side, which keeps matching a
    // path quadratic at worst instead of exponential.
    const variable = (t: string | undefined) => t === '*' || t === '**/' || t?.toLowerCase() === '{team}';
    if (pattern.length > MAX_LAYOUT_LENGTH) bad = `longer than ${MAX_LAYOUT_LENGTH} characters`;
    else if (tokens.filter(variable).length > MAX_VARIABLE_PARTS) bad = `at most ${MAX_VARIABLE_PARTS} of {team}, * and **/`;
    else if (tokens.some((t, i) => variable(t) && variable(tokens[i + 1]))) bad = '{team}, * and **/ need something fixed between them';
    for (const token of bad ? [] : tokens) {
      if (token.startsWith('{')) {
        const key = token.slice(1, -1).toLowerCase();
        if (!PLACEHOLDERS[key]) bad = `unknown placeholder ${token} (use {team}, {yyyy}, {mm}, {m}, {dd}, {d}, {mon})`;
        else {
          groups.push(key);
          source += PLACEHOLDERS[key];
        }
      } else if (token === '**/') source += '(?:[^/]+/)*';
      else if (token === '*') source += '[^/]*';
      else source += token.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
    if (!bad && !groups.includes('yyyy')) bad = 'a layout needs {yyyy}';
    if (!bad && !groups.includes('mm') && !groups.includes('m') && !groups.includes('mon')) bad = 'a layout needs {mm}, {m} or {mon}';
    if (!bad && !groups.includes('dd') && !groups.includes('d')) bad = 'a layout needs {dd} or {d}';
    if (bad) errors.push(`layout "${pattern}": ${bad}`);
    else layouts.push({ pattern, regex: new RegExp(`^${source}$`, 'i'), groups });
  }
  return { layouts, errors };
}

/** Reads a path with the configured patterns; the first that matches wins. */
export function parseWithLayouts(path: string, layouts: readonly CompiledLayout[]): DatedPath | undefined {
  if (path.length > MAX_LAYOUT_PATH) return undefined;
  for (const layout of layouts) {
    const m = layout.regex.exec(path);
    if (!m) continue;
    const value = (key: string) => {
      const i = layout.groups.indexOf(key);
      return i < 0 ? undefined : m[i + 1];
    };
    const year = Number(value('yyyy'));
    const monthName = value('mon');
    const month = monthName ? MONTHS[monthName.toLowerCase()] : Number(value('mm') ?? value('m'));
    const day = Number(value('dd') ?? value('d'));
    if (!isValidDate(year, month, day)) continue;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const words = stemOf(name)?.split(/[-_ .]+/).filter((w) => /[a-z]/i.test(w) && !MONTHS[w.toLowerCase()]).join('-');
    return { team: value('team') ?? ROOT_TEAM, date: formatDate(year, month, day), role: roleOfWords(words) ?? 'minutes', layout: layout.pattern };
  }
  return undefined;
}

// ---- what a repository's files say ---------------------------------------------------

export interface TeamLayout {
  team: string;
  /** Forms below the team folder, most used first, with how many files use each. */
  forms: Array<{ layout: string; files: number }>;
  files: number;
}

/** Per team, the forms its dated files are named in (most files first). */
export function learnLayouts(dated: Iterable<{ path: string; name: { team?: string; layout?: string } }>): TeamLayout[] {
  const byTeam = new Map<string, Map<string, number>>();
  for (const { name } of dated) {
    if (!name.team || !name.layout) continue;
    let forms = byTeam.get(name.team);
    if (!forms) byTeam.set(name.team, (forms = new Map()));
    forms.set(name.layout, (forms.get(name.layout) ?? 0) + 1);
  }
  return [...byTeam.entries()]
    .map(([team, forms]) => {
      const list = [...forms.entries()].map(([layout, files]) => ({ layout, files })).sort((a, b) => b.files - a.files || (a.layout < b.layout ? -1 : 1));
      return { team, forms: list, files: list.reduce((n, f) => n + f.files, 0) };
    })
    .sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
}

/** `YYYY/WG-MM-DD.md (41), YYYY-MM-DD.md (2)`. */
export function describeLayout(layout: TeamLayout): string {
  return layout.forms.map((f) => `${f.layout} (${f.files})`).join(', ');
}

