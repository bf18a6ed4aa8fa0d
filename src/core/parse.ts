// Parses one Markdown file into the compact minutes model, with exact source ranges.
import GithubSlugger from 'github-slugger';
import { MdNode, parseMarkdown, plainText } from './markdown';
import { LineIndex, stripBom, type Position, type Range } from './text';
import { formatDate, isValidDate } from './dates';
import type { ActionItem, MarkupIssue, MinutesDocument, MinutesHeading, MinutesLink } from './model';

export { plainText } from './markdown';

// "waiting to be merged" anywhere on the line; the shorter forms only as a remark in parentheses.
const WAITING = /waiting to be merged|\(\s*(?:not (?:yet )?merged(?: yet)?|pending merge)\s*\)/i;
// Only the whole remark in parentheses can be removed without touching the author's other words.
const WAITING_REMARK = /[ \t]*\([ \t]*(?:waiting to be merged|not (?:yet )?merged(?: yet)?|pending merge)[ \t]*\)/i;
const HANDLE = /(?<![\w@./-])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\w@])/g;
const DATE_IN_TITLE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;

export function parseMinutes(input: string): MinutesDocument {
  const text = stripBom(input);
  const lines = new LineIndex(text);
  const tree = parseMarkdown(text);
  const doc: MinutesDocument = {
    lineCount: visibleLineCount(text, lines),
    finalNewline: /[\r\n]$/.test(text),
    end: endOfText(text, lines),
    headings: [],
    links: [],
    htmlAnchors: [],
    handles: {},
    markup: [],
    actions: [],
    ...contentHashes(text),
  };
  const state = newParseState(text, lines, doc);
  // Document order, parents before children, with an explicit stack (nesting can be deep).
  const stack: Array<{ node: MdNode; previous: MdNode | undefined }> = [];
  const pushChildren = (node: MdNode) => {
    const children = node.children;
    if (!children) return;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], previous: children[i - 1] });
  };
  pushChildren(tree);
  while (stack.length) {
    const { node, previous } = stack.pop() as { node: MdNode; previous: MdNode | undefined };
    collectNode(node, previous, state);
    pushChildren(node);
  }
  findMarkupIssues(text, lines, state.opaque, doc.markup);
  summarizeSections(tree, doc, lines);
  const unclosed = unclosedAtEnd(tree, text);
  if (unclosed) doc.unclosedAtEnd = unclosed;
  const title = titleOf(doc.headings);
  if (title) doc.title = title;
  return compactDocument(doc);
}

type LinkFields = Omit<MinutesLink, 'waiting' | 'commented' | 'range' | 'fullRange'>;

/** What the walk over one document's tree collects as it goes. */
interface ParseState {
  text: string;
  lines: LineIndex;
  doc: MinutesDocument;
  slugger: GithubSlugger;
  /** Source spans that are not prose (code, HTML, inline code), where markup checks do not look. */
  opaque: Array<[number, number]>;
  /**
   * Spans of HTML comments. Only HTML nodes can hold comments (a `<!--` in a code span or code
   * block is text), and only HTML links can lie inside one; spans are collected as those nodes are visited.
   */
  comments: Array<[number, number]>;
  addLink: (link: LinkFields, start: number, end: number, fullStart: number, fullEnd: number) => void;
}

function newParseState(text: string, lines: LineIndex, doc: MinutesDocument): ParseState {
  const comments: Array<[number, number]> = [];
  const remarkOf = waitingRemarks(lines);
  const addLink = (link: LinkFields, start: number, end: number, fullStart: number, fullEnd: number) => {
    const range = lines.range(start, end);
    const remark = remarkOf(range.start.line);
    doc.links.push({
      ...link,
      range,
      fullRange: lines.range(fullStart, fullEnd),
      waiting: remark.waiting,
      waitingRange: remark.range,
      commented: comments.some(([s, e]) => start >= s && start < e),
    });
  };
  return { text, lines, doc, slugger: new GithubSlugger(), opaque: [], comments, addLink };
}

/** What one node adds to the model: a heading, a link, a span that is not prose, handles, front matter. */
function collectNode(node: MdNode, previous: MdNode | undefined, state: ParseState): void {
  const { text, lines, doc, opaque, addLink } = state;
  const { start, end } = node;
  switch (node.type) {
    case 'heading': {
      const headingText = plainText(node).trim();
      const heading: MinutesHeading = {
        level: node.depth,
        text: headingText,
        name: normalizeSectionName(headingText),
        slug: state.slugger.slug(headingText),
        range: lines.range(start, end),
        source: lines.lineText(lines.positionAt(start).line),
        snippet: '',
        items: 0,
      };
      doc.headings.push(heading);
      if (node.depth === 2 && previous?.type === 'thematicBreak' && isSetextFrontMatter(text.slice(start, end))) {
        doc.markup.push({ kind: 'late-front-matter', range: lines.range(previous.start, end) });
      }
      break;
    }
    case 'code':
    case 'inlineCode':
      opaque.push([start, end]);
      break;
    case 'link':
    case 'image': {
      if (node.form && node.destStart >= 0) {
        const link: LinkFields = {
          kind: node.form,
          // HedgeDoc's sized image `![](https://pad/uploads/x.png =640x)` is no image to CommonMark
          // (a space in the destination): its URL is a bare one inside, yet shown as an image.
          image: node.type === 'image' || (node.form === 'literal' && sizedImageAround(text, node.destStart, node.destEnd)),
          raw: text.slice(node.destStart, node.destEnd),
          url: node.url,
          text: node.type === 'image' ? node.alt : plainText(node),
        };
        if (node.form === 'inline') link.label = node.labelStart < 0 ? '' : text.slice(node.labelStart, node.labelEnd);
        addLink(link, node.destStart, node.destEnd, start, end);
      }
      break;
    }
    case 'definition':
      if (node.destEnd > node.destStart) {
        addLink({ kind: 'definition', image: false, raw: text.slice(node.destStart, node.destEnd), url: node.url, text: node.label }, node.destStart, node.destEnd, start, end);
      }
      break;
    case 'html': {
      // The source, not the value: in a list item or block quote the value lacks the
      // indentation or `> ` of its lines, which would shift every range after the first line.
      const source = text.slice(start, end);
      opaque.push([start, end]);
      for (const [s, e] of commentSpans(source)) state.comments.push([start + s, start + e]);
      collectHtml(source, start, addLink, doc.htmlAnchors);
      break;
    }
    case 'text':
      countHandles(node.value, doc.handles);
      break;
    case 'yaml':
      doc.frontMatter = { range: lines.range(start, end) };
      opaque.push([start, end + 1]);
      break;
    default:
      break;
  }
}

/**
 * The title: the first heading when it is of level 1 or 2. A slide-style weekly puts its date in
 * the second or third top-level heading; an ordinary section such as `## Incident of 2025-02-21`
 * does not date the meeting.
 */
function titleOf(headings: readonly MinutesHeading[]): MinutesDocument['title'] {
  const first = headings[0];
  if (!first || first.level > 2) return undefined;
  const title: NonNullable<MinutesDocument['title']> = { heading: first };
  for (const h of headings.slice(0, 3)) {
    if (h.level > 2) break;
    if (h !== first && !/^\W*\d{4}-\d{2}-\d{2}\W*$|weekly|meeting|minutes|call|sync|session/i.test(h.text)) continue;
    const date = isoDateIn(h.text);
    if (date) {
      title.date = date;
      title.dateHeading = h;
      break;
    }
  }
  return title;
}

/**
 * Whether a line says its links wait for a pull request ("waiting to be merged"), and where a
 * removable remark stands. One look at a line serves all its links (a line can hold thousands).
 */
export function waitingRemarks(lines: LineIndex): (line: number) => { waiting: boolean; range?: MinutesLink['waitingRange'] } {
  let last = -1;
  let answer: { waiting: boolean; range?: MinutesLink['waitingRange'] } = { waiting: false };
  return (line) => {
    if (line !== last) {
      last = line;
      const lineText = lines.lineText(line);
      const m = WAITING_REMARK.exec(lineText);
      answer = { waiting: WAITING.test(lineText), range: m ? { start: { line, character: m.index }, end: { line, character: m.index + m[0].length } } : undefined };
    }
    return answer;
  };
}

/**
 * The index holds every file's model at once (77 800 at 100× the real repository), so equal
 * strings are one string, and a range that equals another is the same object. Models that crossed a
 * thread or came from a cache arrive with copies; the index compacts them again as they enter.
 */
export function compactDocument(doc: MinutesDocument): MinutesDocument {
  for (const link of doc.links) {
    sharePositions(link.range);
    sharePositions(link.fullRange);
    if (link.waitingRange) sharePositions(link.waitingRange);
    if (link.url === link.raw) link.url = link.raw;
    if (link.text === link.raw) link.text = link.raw;
    else if (link.text === link.url) link.text = link.url;
    if (link.label !== undefined && link.label === link.text) link.label = link.text;
    if (sameRange(link.range, link.fullRange)) link.fullRange = link.range;
  }
  for (const heading of doc.headings) {
    sharePositions(heading.range);
    if (heading.name === heading.text) heading.name = heading.text;
    if (heading.slug === heading.name) heading.slug = heading.name;
  }
  for (const action of doc.actions) sharePositions(action.range);
  for (const issue of doc.markup) sharePositions(issue.range);
  if (doc.frontMatter) sharePositions(doc.frontMatter.range);
  doc.end = sharedPosition(doc.end);
  // The title names one of the headings; a copy (JSON, a thread) makes it another object.
  const title = doc.title;
  if (title) {
    title.heading = doc.headings.find((h) => sameRange(h.range, title.heading.range)) ?? title.heading;
    if (title.dateHeading) title.dateHeading = doc.headings.find((h) => sameRange(h.range, title.dateHeading!.range)) ?? title.dateHeading;
  }
  return doc;
}

/**
 * A model parsed on this thread holds slices of the file's text, which keep the whole text alive
 * as long as the model lives; a copy through JSON holds only its own strings, in compact objects
 * (a third less memory for an index of every file).
 */
export function detachDocument(doc: MinutesDocument): MinutesDocument {
  return compactDocument(JSON.parse(JSON.stringify(doc)) as MinutesDocument);
}

/**
 * Positions are values that nothing changes, and the same few thousand (line, character) pairs recur
 * in every file: one object each serves every model. They are two thirds of a range's memory, and
 * ranges were a quarter of the index's. Bounded: pairs beyond the table's size stay the model's own.
 */
const SHARED_POSITIONS: Array<Array<Position | undefined> | undefined> = [];
const MAX_SHARED_POSITIONS = 262_144;
let sharedPositions = 0;

function sharedPosition(p: Position): Position {
  return sharable(p.line, p.character) ? positionAt(p.line, p.character) : p;
}

/** Small whole numbers only (a cache is untrusted input): the table stays small. */
function sharable(line: number, character: number): boolean {
  return line >= 0 && line < 32_768 && character >= 0 && character < 4_096 && Number.isInteger(line) && Number.isInteger(character);
}

/** The shared position (line, character), or a new one when the table does not hold such a pair. */
export function positionAt(line: number, character: number): Position {
  if (!sharable(line, character)) return { line, character };
  const row = (SHARED_POSITIONS[line] ??= []);
  const shared = row[character];
  if (shared) return shared;
  if (sharedPositions >= MAX_SHARED_POSITIONS) return { line, character };
  sharedPositions++;
  return (row[character] = { line, character });
}

function sharePositions(range: Range): void {
  range.start = sharedPosition(range.start);
  range.end = sharedPosition(range.end);
}

function sameRange(a: MinutesLink['range'], b: MinutesLink['range']): boolean {
  return a === b || (a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character);
}

/** Previews show 100 characters of a section and an ellipsis when there is more. */
const SNIPPET = 101;
/**
 * `AI @x:`, `**AI**`, `(AI @x)`, and the words written out: `ACTION ITEM:`, `Action item:`. Not
 * artificial intelligence: `AI` after a word that makes it a noun (`for AI: the case…`, `- Profile AI`).
 */
export const AI_MARKER = /(?:^|[\s_*(])(?:\*\*AI\*\*(?=\s*(?:@|:|\(|_|\*\*|$))|(?<!\b(?:for|of|the|and|or|on|in|about|with|to|under|by|from|an?|is|are|use|using|generative|responsible|open|trustworthy|safe)\s)AI(?=\s*(?:@|:|\(|_|\*\*))|(?<![A-Za-z]\s)AI(?=\s*$)|(?:ACTION ITEM|Action [Ii]tem)(?:\*\*)?\s*:)/;
/** Sections whose check boxes are who came, not tasks. */
export const ATTENDANCE_SECTION = /\b(?:attendees|attendance|participants|present|roll ?call|who was there|teilnehmer(?:innen|\*innen)?|anwesend)\b/;
export const ACTION_SECTION = /\baction items?\b|\bais\b|\bto ?dos?\b|\baction points?\b/;

/** A GitHub handle as an owner: `@name`, not the `@` of an e-mail address or of a path. */
const OWNER_HANDLE = '(?<![\\w@./+-])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\\w@])';
const FIRST_OWNER = new RegExp(OWNER_HANDLE);
/** `AI @x`, `AI(@x):`: the handle that follows the marker. */
const MARKED_OWNER = new RegExp(`(?:^|[\\s_*(])(?:\\*\\*AI\\*\\*|AI)\\W{0,3}${OWNER_HANDLE}`);
/** `… (@x)` or `… (@x, @y)` at the end, handles only: who does what the line says, whoever else it names. */
const TRAILING_OWNER = new RegExp(`\\(\\s*${OWNER_HANDLE}(?:\\s*(?:(?:,|&|/|\\band\\b|\\bor\\b)\\s*)?@[\\w-]+)*\\s*\\)\\W*$`);
/** The owners a task starts with: `@x:`, `@x, @y:`, `@x or @y:`. */
const LEADING_OWNERS = /^(?:@[\w-]+\s*(?:(?:,|&|\/|\band\b|\bor\b)\s*)?)+:?\s*/;

/** An action item's owner: the handle after its marker, else one in parentheses at its end, else the owner it is listed under, else its first handle. */
export function ownerOf(text: string, inherited?: string): string | undefined {
  // Under a `- @x:` heading, a handle in the task (`ask @m to review`) is not its owner.
  return (MARKED_OWNER.exec(text) ?? TRAILING_OWNER.exec(text) ?? (inherited === undefined ? FIRST_OWNER.exec(text) : undefined))?.[1] ?? inherited;
}

/** Whether a list item's text names an owner (under an "Action items" heading, that makes it one). */
export function namesOwner(text: string): boolean {
  return FIRST_OWNER.test(text);
}

/** An item that names owners and nothing else: `@x:`, `AI @x, @y:`. */
export function isOwnersOnly(itemText: string): boolean {
  return namesOwner(itemText) && actionText(itemText).replace(/[\s:,;.\-–—]+/g, '') === '';
}

/** An action item's text without its marker and the owners it starts with. */
export function actionText(itemText: string): string {
  return itemText.replace(/^\s*(?:\*\*)?AI(?:\*\*)?\s*(?:\([^)]*\))?\s*/, '').replace(LEADING_OWNERS, '').trim();
}

/**
 * A note near the top that the meeting did not take place: `> NOTE: Cancelled, no agenda items.`,
 * `Meeting cancelled due to holidays.` A short paragraph or quote that opens so, in the first sections.
 */
export const CANCELLED_NOTE = /^\W*(?:(?:note|update|info|attention|important|edit)\W+)?(?:this\s+|the\s+)?(?:week'?s\s+)?(?:meeting\s+|call\s+|session\s+)?(?:is\s+|was\s+|has\s+been\s+|got\s+)?(?:cancell?ed|canceled|skipped|postponed|abgesagt|entf[äa]llt|ausgefallen)\b/i;
/** How far into the document (headings passed) a block is read for {@link CANCELLED_NOTE}. */
export const CANCELLED_NOTE_HEADINGS = 3;

/** A block's text is a short note that the meeting did not take place. */
export function isCancelledNote(text: string): boolean {
  return text.length <= 300 && CANCELLED_NOTE.test(text);
}

/** Section previews, list counts and action items, from the top-level blocks in order. */
function summarizeSections(tree: MdNode, doc: MinutesDocument, lines: LineIndex): void {
  let heading: MinutesHeading | undefined;
  let h = 0;
  const headingAt = (offset: number) => {
    while (h < doc.headings.length && lines.offsetAt(doc.headings[h].range.start) <= offset) heading = doc.headings[h++];
  };
  const addSnippet = (text: string) => {
    if (heading && heading.snippet.length < SNIPPET) heading.snippet = `${heading.snippet} ${text.replace(/\s+/g, ' ')}`.trim().slice(0, SNIPPET);
  };
  const visitList = (top: MdNode, inActionSection: boolean, inAttendance: boolean) => {
    // Depth first, in document order, without recursion.
    const walk: Array<{ item: MdNode; depth: number; owner: string | undefined }> = [];
    const pushItems = (list: MdNode, depth: number, owner?: string) => {
      const children = list.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) walk.push({ item: children[i], depth, owner });
    };
    pushItems(top, 0);
    while (walk.length) {
      const { item, depth, owner: inherited } = walk.pop() as { item: MdNode; depth: number; owner: string | undefined };
      if (item.type !== 'listItem') continue;
      const children = item.children ?? [];
      const first = children[0];
      const itemText = first ? plainText(first).trim() : '';
      const start = item.start;
      const firstLineEnd = first ? first.end : item.end;
      const struck = first?.type === 'paragraph' && (first.children?.length ?? 0) > 0 && (first.children ?? []).every((c) => c.type === 'delete' || (c.type === 'text' && c.value.trim() === ''));
      const source = lines.text.slice(start, firstLineEnd);
      const marked = AI_MARKER.test(source) || (!inAttendance && (item.checked === true || item.checked === false));
      // Under an "Action items" heading, a top-level item with an owner is one; its sub-items are
      // usually status notes ("ongoing", "done") and count only when marked. An item that is only
      // its owners (`- @x:`) heads a list of their tasks: those are the items.
      const isItem = marked || (inActionSection && depth === 0 && namesOwner(itemText));
      const heads = isItem && isOwnersOnly(itemText) && children.some((c) => c.type === 'list');
      if ((isItem && !heads) || inherited) {
        const owner = ownerOf(itemText, inherited);
        const cleaned = actionText(itemText);
        // A status note under it ("- done", "- closed") closes it too.
        const noted = children.some((c) => c.type === 'list' && (c.children ?? []).some((sub) => /^\W*(?:done|closed|finished|resolved|completed)\b/i.test(plainText(sub).trim())));
        const action: ActionItem = { text: cleaned || itemText, owner, done: item.checked === true || struck || noted, range: lines.range(start, firstLineEnd) };
        if (heading) action.section = heading.text;
        doc.actions.push(action);
      }
      for (let i = children.length - 1; i >= 0; i--) if (children[i].type === 'list') pushItems(children[i], depth + 1, heads ? ownerOf(itemText) : undefined);
    }
  };
  for (const block of tree.children ?? []) {
    headingAt(block.start);
    if (block.type === 'heading') continue;
    const inActionSection = Boolean(heading && ACTION_SECTION.test(heading.name));
    if (block.type === 'list') {
      if (heading) heading.items += block.children?.length ?? 0;
      addSnippet((block.children ?? []).map((item) => blockText(item)).join('; '));
      visitList(block, inActionSection, Boolean(heading && ATTENDANCE_SECTION.test(heading.name)));
    } else if (block.type === 'blockquote') {
      if (h <= CANCELLED_NOTE_HEADINGS && isCancelledNote(blockText(block))) doc.cancelled = true;
    } else if (block.type === 'paragraph') {
      const text = plainText(block);
      addSnippet(text);
      if (h <= CANCELLED_NOTE_HEADINGS && isCancelledNote(text)) doc.cancelled = true;
      const source = lines.text.slice(block.start, block.end);
      if (AI_MARKER.test(source)) {
        const itemText = plainText(block).trim();
        const owner = ownerOf(itemText);
        doc.actions.push({ text: itemText, owner, done: false, range: lines.range(block.start, block.end), section: heading?.text });
      }
    }
  }
}

/** What closes a fenced code block or an HTML comment that the file's last top-level block leaves open. */
function unclosedAtEnd(tree: MdNode, text: string): string | undefined {
  const last = tree.children?.[tree.children.length - 1];
  // trimEnd, not a `\s+$` replace: that one is quadratic on a long run of white space inside the text.
  if (!last || last.end < text.trimEnd().length) return undefined;
  const source = text.slice(last.start, last.end);
  if (last.type === 'code' && last.fences === 1) return /^[ \t]*(`{3,}|~{3,})/.exec(source)?.[1];
  if (last.type === 'html' && /^[ \t]*<!--/.test(source) && !source.slice(source.indexOf('<!--') + 4).includes('-->')) return '-->';
  return undefined;
}

/** The first valid `YYYY-MM-DD` in a text. */
export function isoDateIn(text: string): string | undefined {
  const m = DATE_IN_TITLE.exec(text);
  return m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3])) ? formatDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** `key: value` lines under a `---` rule: YAML meant as front matter, rendered as a heading. */
export function isSetextFrontMatter(source: string): boolean {
  const lines = source.split(/\r?\n|\r/);
  return lines.length >= 2 && /^-{3,}\s*$/.test(lines[lines.length - 1]) && lines.slice(0, -1).every((l) => /^[A-Za-z_][\w-]*:(\s|$)/.test(l) || /^\s+\S/.test(l));
}

const HEADING_NO_SPACE = /^ {0,3}(#{2,6})(?=[^\s#])/;
const HEADING_NBSP = /^ {0,3}(#{1,6})\u00a0/;
// Not a task list's `[ ]` / `[x]` followed by a parenthesis.
const SPACED_LINK = /(?<!\\)\[(?![ xX]\])[^\]\n]*[^\]\n\\]\]( +)\((?:https?:\/\/|\.{0,2}\/|#)[^)\s]*\)/g;

/** Headings GitHub does not see (`##Agenda`, a no-break space), links broken by a space, late front matter. */
export function findMarkupIssues(text: string, lines: LineIndex, opaque: Array<[number, number]>, out: MarkupIssue[]): void {
  opaque.sort((a, b) => a[0] - b[0]);
  const inOpaque = (offset: number) => opaque.some(([s, e]) => offset >= s && offset < e);
  findLateFrontMatter(lines, inOpaque, out);
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    if (!lineText.includes('#') && !lineText.includes('](') && !lineText.includes('] (')) continue;
    const lineStart = lines.lineStarts[line];
    let m = HEADING_NO_SPACE.exec(lineText);
    if (m && !inOpaque(lineStart + m.index)) {
      const at = lineStart + m.index + m[0].length;
      out.push({ kind: 'heading-without-space', range: lines.range(lineStart + m.index, at), replacement: `${m[1]} `, text: lineText.slice(at - lineStart).trim() });
    }
    m = HEADING_NBSP.exec(lineText);
    if (m && !inOpaque(lineStart + m.index)) {
      const at = lineStart + m.index + m[0].length;
      out.push({ kind: 'heading-nbsp', range: lines.range(lineStart + m.index, at), replacement: `${m[1]} `, text: lineText.slice(at - lineStart).trim() });
    }
    SPACED_LINK.lastIndex = 0;
    for (let l = SPACED_LINK.exec(lineText); l; l = SPACED_LINK.exec(lineText)) {
      const spaceStart = lineStart + l.index + l[0].indexOf(']') + 1;
      if (inOpaque(lineStart + l.index)) continue;
      out.push({ kind: 'spaced-link', range: lines.range(spaceStart, spaceStart + l[1].length), replacement: '' });
    }
  }
}

/**
 * YAML between `---` lines that does not start on line 1 (GitHub shows it as a rule and text, or
 * a heading): a `---` line, then `key:` lines (values, lists and indented lines allowed), then `---`.
 */
function findLateFrontMatter(lines: LineIndex, inOpaque: (offset: number) => boolean, out: MarkupIssue[]): void {
  for (let line = 1; line < lines.lineCount; line++) {
    if (!/^-{3,}\s*$/.test(lines.lineText(line)) || inOpaque(lines.lineStarts[line])) continue;
    if (!/^[A-Za-z_][\w-]*:(\s|$)/.test(lines.lineText(line + 1) ?? '')) continue;
    let end = line + 2;
    while (end < Math.min(lines.lineCount, line + 60) && /^(?:[A-Za-z_][\w-]*:(\s|$)|\s+\S|\s*-\s)/.test(lines.lineText(end))) end++;
    if (end < lines.lineCount && /^-{3,}\s*$/.test(lines.lineText(end))) {
      if (!out.some((o) => o.kind === 'late-front-matter' && o.range.start.line <= end && o.range.end.line >= line)) {
        out.push({ kind: 'late-front-matter', range: { start: { line, character: 0 }, end: { line: end, character: lines.lineText(end).length } } });
      }
      line = end;
    }
  }
}

/** 64-bit FNV-1a (two 32-bit lanes), as hex: the `hash` of a document with this text. */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193 + 2);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function contentHashes(text: string): { hash: string; bodyHash: string; bodySize: number } {
  const body = text.replace(/\d{4}-?\d{2}-?\d{2}/g, '').replace(/\s+/g, '');
  const prose = text
    .split(/\r?\n|\r/)
    .filter((l) => !/^ {0,3}#/.test(l))
    .join('')
    .replace(/\d{4}-?\d{2}-?\d{2}/g, '')
    .replace(/[\s*_\-#:>|]+/g, '');
  return { hash: hash64(text), bodyHash: hash64(body), bodySize: prose.length };
}

/** The end of the last visible line. */
export function endOfText(text: string, lines: LineIndex): { line: number; character: number } {
  const line = Math.max(0, visibleLineCount(text, lines) - 1);
  return { line, character: lines.lineText(line).length };
}

/** Lines as GitHub numbers them: a final line break does not start another line. */
export function visibleLineCount(text: string, lines: LineIndex): number {
  if (text === '') return 0;
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? lines.lineCount - 1 : lines.lineCount;
}

/** Like plainText, with a space between blocks (a list item's paragraph and its sub-list). */
function blockText(node: MdNode): string {
  const parts: string[] = [];
  const stack: MdNode[] = [node];
  while (stack.length) {
    const n = stack.pop() as MdNode;
    if (n.type === 'paragraph' || n.type === 'heading' || !n.children) {
      const text = plainText(n);
      if (text) parts.push(text);
    } else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return parts.join(' ');
}

export function normalizeSectionName(text: string): string {
  return text
    .toLowerCase()
    // `:family: Participants` – GitHub emoji shortcodes decorate, they do not name.
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    // `Participants - use of github handle is preferred`: what follows a dash explains.
    .replace(/\s[-–—]\s.*$/, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function countHandles(value: string, into: Record<string, number>): void {
  HANDLE.lastIndex = 0;
  for (let m = HANDLE.exec(value); m; m = HANDLE.exec(value)) {
    into[m[1]] = (into[m[1]] ?? 0) + 1;
  }
}

export function commentSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const s = text.indexOf('<!--', from);
    if (s < 0) break;
    const e = text.indexOf('-->', s + 4);
    spans.push([s, e < 0 ? text.length : e + 3]);
    if (e < 0) break;
    from = e + 3;
  }
  return spans;
}

const HTML_ATTR = /<(a|img|area|source)\b[^>]*?\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const HTML_ANCHOR = /<[a-z][\w-]*\b[^>]*?\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

export function collectHtml(
  html: string,
  offset: number,
  addLink: (link: Omit<MinutesLink, 'waiting' | 'commented' | 'range' | 'fullRange'>, start: number, end: number, fs: number, fe: number) => void,
  anchors: string[],
): void {
  HTML_ATTR.lastIndex = 0;
  for (let m = HTML_ATTR.exec(html); m; m = HTML_ATTR.exec(html)) {
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    const valueStart = m.index + m[0].length - value.length - (m[5] === undefined ? 1 : 0);
    const image = m[1].toLowerCase() !== 'a';
    addLink({ kind: 'html', image, raw: value, url: decodeEntities(value), text: '' }, offset + valueStart, offset + valueStart + value.length, offset + m.index, offset + m.index + m[0].length);
  }
  // Markdown images and links commented out: images stay on the pad server too (the repository's
  // own check catches them), and a link (a weekly's pointer to its template) is a reference all the same.
  for (const [s, e] of commentSpans(html)) {
    const comment = html.slice(s, e);
    COMMENTED_LINK.lastIndex = 0;
    for (let m = COMMENTED_LINK.exec(comment); m; m = COMMENTED_LINK.exec(comment)) {
      const open = m[0].indexOf('](') + 2;
      const valueStart = s + m.index + open + (m[0][open] === '<' ? 1 : 0);
      addLink({ kind: 'html', image: m[0].startsWith('!'), raw: m[1], url: m[1], text: '' }, offset + valueStart, offset + valueStart + m[1].length, offset + s + m.index, offset + s + m.index + m[0].length);
    }
  }
  // reveal.js slide backgrounds (`<!-- .slide: data-background="…" -->`), shown as images.
  SLIDE_BACKGROUND.lastIndex = 0;
  for (let m = SLIDE_BACKGROUND.exec(html); m; m = SLIDE_BACKGROUND.exec(html)) {
    const value = m[1] ?? m[2] ?? '';
    if (!/^(?:https?:)?\/\/|^[\w./-]+\.(?:png|jpe?g|gif|svg|webp|avif|heic|heif)$/i.test(value)) continue;
    const valueStart = m.index + m[0].length - value.length - 1;
    addLink({ kind: 'html', image: true, raw: value, url: decodeEntities(value), text: '' }, offset + valueStart, offset + valueStart + value.length, offset + m.index, offset + m.index + m[0].length);
  }
  HTML_ANCHOR.lastIndex = 0;
  for (let m = HTML_ANCHOR.exec(html); m; m = HTML_ANCHOR.exec(html)) {
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (value) anchors.push(value.toLowerCase());
  }
}

const COMMENTED_LINK = /!?\[[^\]\n]*\]\(<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|=\d*x\d*))?\)/g;
const SLIDE_BACKGROUND = /\sdata-background(?:-image)?\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** `![…](URL =640x)` around a bare URL at `start`…`end`: HedgeDoc's image with a size. */
export function sizedImageAround(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const before = text.slice(lineStart, start);
  if (!/!\[[^\]\n]*\]\(\s*$/.test(before)) return false;
  return /^\s+=\d*x\d*\s*\)/.test(text.slice(end, end + 24));
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
