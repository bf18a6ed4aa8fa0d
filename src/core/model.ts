// The minutes document model: what the index keeps of one file after parsing (compact; no tree).
import type { IsoDate, IsoWeek } from './dates';
import type { Range } from './text';

export type LinkKind =
  /** `[text](dest)` */
  | 'inline'
  /** `<https://…>` */
  | 'autolink'
  /** a bare `https://…` or `www.…` that GFM turns into a link */
  | 'literal'
  /** `[label]: dest` */
  | 'definition'
  /** `<a href>` or `<img src>` in HTML */
  | 'html';

export interface MinutesLink {
  kind: LinkKind;
  image: boolean;
  /** The destination exactly as written. */
  raw: string;
  /** The destination after Markdown unescaping (what a renderer follows). */
  url: string;
  /** Range of the destination text itself. */
  range: Range;
  /** Range of the whole construct (`[text](dest)`). */
  fullRange: Range;
  text: string;
  /** The label as written, between `[` and `]` (inline links and images). */
  label?: string;
  /** Its line says the target is still in a pull request ("waiting to be merged"). */
  waiting: boolean;
  /** Where that remark stands (with its parentheses and the space before it), to remove it once merged. */
  waitingRange?: Range;
  /** Inside an HTML comment: not rendered, so not followed. */
  commented: boolean;
}

export interface MinutesHeading {
  level: number;
  /** The heading's rendered text. */
  text: string;
  /** Lower-case text without parentheticals, punctuation or trailing colon: `Participants (handles):` → `participants`. */
  name: string;
  /** The anchor GitHub gives it (duplicates get `-1`, `-2`). */
  slug: string;
  range: Range;
  /** The heading as written (its first line), for fixes that edit it. */
  source: string;
  /** The first words of its section (for previews), and the list items directly in it. */
  snippet: string;
  items: number;
}

/** An action item: `- _AI @x: text_`, `AI @x:`, `**AI**`, a task `- [ ] @x …`, or an item under "Action items". */
export interface ActionItem {
  text: string;
  /** The first @handle, without `@`. */
  owner?: string;
  /** Checked, or struck through. */
  done: boolean;
  range: Range;
  /** The heading it stands under. */
  section?: string;
}

export interface MinutesTitle {
  heading: MinutesHeading;
  /** The first well-formed date in the title block (the first heading, or the next two top-level ones). */
  date?: IsoDate;
  /** The heading that holds that date. */
  dateHeading?: MinutesHeading;
}

/** Markdown that GitHub will not render as the author meant, found while parsing. */
export interface MarkupIssue {
  kind: 'heading-without-space' | 'heading-nbsp' | 'spaced-link' | 'late-front-matter';
  range: Range;
  /** For a fix: the text the range should become. */
  replacement?: string;
  /** For a heading GitHub does not see: its text (`Agenda` in `##Agenda`). */
  text?: string;
}

export interface MinutesDocument {
  lineCount: number;
  /** The text ends with a line break. */
  finalNewline: boolean;
  /** The end of the last line with text (before a final line break), where appended text goes. */
  end: { line: number; character: number };
  /** The first heading, when it is of level 1 or 2. */
  title?: MinutesTitle;
  headings: MinutesHeading[];
  links: MinutesLink[];
  /** Lower-cased `id`/`name` anchors from HTML, which fragments may target too. */
  htmlAnchors: string[];
  /** `@handle` → how often it occurs. */
  handles: Record<string, number>;
  frontMatter?: { range: Range };
  /**
   * The file ends inside a fenced code block or an HTML comment left open (at the top level): what
   * closes it (the fence, `-->`). Text appended at the end goes after that, or it would be code.
   */
  unclosedAtEnd?: string;
  /** A note near the top says the meeting did not take place (`> NOTE: Cancelled, no agenda items.`). */
  cancelled?: true;
  markup: MarkupIssue[];
  actions: ActionItem[];
  /** Hash of the exact text: equal for byte-identical files. */
  hash: string;
  /** Hash of the text with dates and white space dropped: equal for copies with only the date changed. */
  bodyHash: string;
  /** Characters of content besides headings, dates and white space (tiny files are alike by nature). */
  bodySize: number;
}

/** What a path's name says about a file. */
export interface MinutesFileName {
  /** The top-level folder, or undefined for a file at the root. */
  team?: string;
  date?: IsoDate;
  week?: IsoWeek;
  /** `overflow` in `20230710-overflow.md`. */
  suffix?: string;
  /** `WG` in `WG-2026-01-13.md`. */
  prefix?: string;
  /** What the file is beside its meeting's minutes (absent for the minutes themselves). */
  role?: 'agenda' | 'slides' | 'log';
  /** The form of the path below the team folder (`YYYY/WG-MM-DD.md`). */
  layout?: string;
}
