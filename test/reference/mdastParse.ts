// The minutes model built through mdast-util-from-markdown, as the core did before it read micromark's
// events directly: kept as the reference that src/core/parse.ts must agree with (test/unit/parseEquivalence.test.ts).
// What the parser change did not touch (markup checks, hashes, HTML links, handles) comes from
// src/core/parse.ts; this file keeps what read the mdast tree.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import GithubSlugger from 'github-slugger';
import {
  ACTION_SECTION,
  AI_MARKER,
  ATTENDANCE_SECTION,
  actionText,
  CANCELLED_NOTE_HEADINGS,
  isCancelledNote,
  isOwnersOnly,
  namesOwner,
  ownerOf,
  collectHtml,
  commentSpans,
  contentHashes,
  countHandles,
  endOfText,
  findMarkupIssues,
  isSetextFrontMatter,
  isoDateIn,
  normalizeSectionName,
  sizedImageAround,
  visibleLineCount,
  waitingRemarks,
} from '../../src/core/parse';
import type { Nodes, Parents, Root } from 'mdast';
import { LineIndex, stripBom } from '../../src/core/text';
import type { ActionItem, MinutesDocument, MinutesHeading, MinutesLink } from '../../src/core/model';

// GitHub treats only YAML between `---` lines at the very start as front matter.
const micromarkExtensions = [frontmatter(['yaml']), gfm()];
const mdastExtensions = [frontmatterFromMarkdown(['yaml']), gfmFromMarkdown()];

export function parseTree(text: string): Root {
  return fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
}

export function parseMinutesWithMdast(input: string): MinutesDocument {
  const text = stripBom(input);
  const lines = new LineIndex(text);
  const tree = parseTree(text);
  const slugger = new GithubSlugger();
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
  /** Source spans that are not prose (code, HTML, inline code), where markup checks do not look. */
  const opaque: Array<[number, number]> = [];
  let previous: Nodes | undefined;
  // Only HTML nodes can hold comments (a `<!--` in a code span or code block is text), and only
  // HTML links can lie inside one; spans are collected as those nodes are visited.
  const comments: Array<[number, number]> = [];

  const remarkOf = waitingRemarks(lines);
  const addLink = (link: Omit<MinutesLink, 'waiting' | 'commented' | 'range' | 'fullRange'>, start: number, end: number, fullStart: number, fullEnd: number) => {
    const range = lines.range(start, end);
    const remark = remarkOf(range.start.line);
    if (link.kind === 'inline') {
      const before = text.slice(fullStart, start);
      const close = before.lastIndexOf('](');
      if (close > 0) link = { ...link, label: before.slice(before.indexOf('[') + 1, close) };
    }
    doc.links.push({
      ...link,
      range,
      fullRange: lines.range(fullStart, fullEnd),
      waiting: remark.waiting,
      waitingRange: remark.range,
      commented: comments.some(([s, e]) => start >= s && start < e),
    });
  };

  const visit = (node: Nodes) => {
    const pos = node.position;
    const start = pos?.start.offset ?? 0;
    const end = pos?.end.offset ?? 0;
    switch (node.type) {
      case 'heading': {
        const headingText = plainText(node).trim();
        const heading: MinutesHeading = {
          level: node.depth,
          text: headingText,
          name: normalizeSectionName(headingText),
          slug: slugger.slug(headingText),
          range: lines.range(start, end),
          source: lines.lineText(lines.positionAt(start).line),
          snippet: '',
          items: 0,
        };
        doc.headings.push(heading);
        if (node.depth === 2 && previous?.type === 'thematicBreak' && isSetextFrontMatter(text.slice(start, end))) {
          doc.markup.push({ kind: 'late-front-matter', range: lines.range(previous.position?.start.offset ?? start, end) });
        }
        break;
      }
      case 'code':
      case 'inlineCode':
        opaque.push([start, end]);
        break;
      case 'link':
      case 'image': {
        const dest = destinationSpan(text, start, end, node.type === 'image', node.type === 'link' ? node.children : []);
        if (dest) {
          addLink(
            { kind: dest.kind, image: node.type === 'image' || (dest.kind === 'literal' && sizedImageAround(text, dest.start, dest.end)), raw: text.slice(dest.start, dest.end), url: node.url, text: node.type === 'image' ? node.alt ?? '' : plainText(node) },
            dest.start, dest.end, start, end,
          );
        }
        break;
      }
      case 'definition': {
        // A destination on the next line follows that line's container prefix (`> ` in a block quote).
        const m = /^\s*\[(?:\\.|[^\\\]])*\]:[ \t]*(?:(?:\r?\n|\r)(?:[ \t]*>)*)?[ \t]*(<)?/.exec(text.slice(start, end));
        if (m) {
          const destStart = start + m[0].length;
          const destEnd = m[1] ? text.indexOf('>', destStart) : scanBareDestination(text, destStart, end);
          if (destEnd > destStart) {
            addLink({ kind: 'definition', image: false, raw: text.slice(destStart, destEnd), url: node.url, text: node.label ?? '' }, destStart, destEnd, start, end);
          }
        }
        break;
      }
      case 'html': {
        // The source, not node.value: in a list item or block quote the value lacks the
        // indentation or `> ` of its lines, which would shift every range after the first line.
        const source = text.slice(start, end);
        opaque.push([start, end]);
        for (const [s, e] of commentSpans(source)) comments.push([start + s, start + e]);
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
    if ('children' in node) {
      for (const child of (node as Parents).children) {
        visit(child as Nodes);
        previous = child as Nodes;
      }
    }
  };
  visit(tree);
  findMarkupIssues(text, lines, opaque, doc.markup);
  summarizeSections(tree, doc, lines);

  const first = doc.headings[0];
  if (first && first.level <= 2) {
    doc.title = { heading: first };
    // A slide-style weekly puts its date in the second or third top-level heading; an ordinary
    // section such as `## Incident of 2025-02-21` does not date the meeting.
    for (const h of doc.headings.slice(0, 3)) {
      if (h.level > 2) break;
      if (h !== first && !/^\W*\d{4}-\d{2}-\d{2}\W*$|weekly|meeting|minutes|call|sync|session/i.test(h.text)) continue;
      const date = isoDateIn(h.text);
      if (date) {
        doc.title.date = date;
        doc.title.dateHeading = h;
        break;
      }
    }
  }
  return doc;
}


/** Section previews, list counts and action items, from the top-level blocks in order. */
function summarizeSections(tree: Root, doc: MinutesDocument, lines: LineIndex): void {
  let heading: MinutesHeading | undefined;
  let h = 0;
  const headingAt = (offset: number) => {
    while (h < doc.headings.length && lines.offsetAt(doc.headings[h].range.start) <= offset) heading = doc.headings[h++];
  };
  const addSnippet = (text: string) => {
    if (heading && heading.snippet.length < 160) heading.snippet = `${heading.snippet} ${text.replace(/\s+/g, ' ')}`.trim().slice(0, 160);
  };
  const visitList = (list: Nodes, inActionSection: boolean, inAttendance: boolean, depth = 0, inherited?: string) => {
    if (list.type !== 'list') return;
    for (const item of list.children) {
      const first = item.children[0];
      const itemText = first ? plainText(first as Nodes).trim() : '';
      const start = item.position?.start.offset ?? 0;
      const firstLineEnd = first?.position?.end.offset ?? item.position?.end.offset ?? start;
      const struck = first?.type === 'paragraph' && first.children.length > 0 && first.children.every((c) => c.type === 'delete' || (c.type === 'text' && c.value.trim() === ''));
      const source = lines.text.slice(start, firstLineEnd);
      const marked = AI_MARKER.test(source) || (!inAttendance && (item.checked === true || item.checked === false));
      // Under an "Action items" heading, a top-level item with an owner is one; its sub-items are
      // usually status notes ("ongoing", "done") and count only when marked.
      const isItem = marked || (inActionSection && depth === 0 && namesOwner(itemText));
      const heads = isItem && isOwnersOnly(itemText) && item.children.some((c) => c.type === 'list');
      if ((isItem && !heads) || inherited) {
        const owner = ownerOf(itemText, inherited);
        const cleaned = actionText(itemText);
        // A status note under it ("- done", "- closed") closes it too.
        const noted = item.children.some((c) => c.type === 'list' && c.children.some((sub) => /^\W*(?:done|closed|finished|resolved|completed)\b/i.test(plainText(sub as Nodes).trim())));
        const action: ActionItem = { text: cleaned || itemText, owner, done: item.checked === true || struck || noted, range: lines.range(start, firstLineEnd) };
        if (heading) action.section = heading.text;
        doc.actions.push(action);
      }
      for (const child of item.children) if (child.type === 'list') visitList(child, inActionSection, inAttendance, depth + 1, heads ? ownerOf(itemText) : undefined);
    }
  };
  for (const block of tree.children) {
    headingAt(block.position?.start.offset ?? 0);
    if (block.type === 'heading') continue;
    const inActionSection = Boolean(heading && ACTION_SECTION.test(heading.name));
    if (block.type === 'list') {
      if (heading) heading.items += block.children.length;
      addSnippet(block.children.map((item) => blockText(item as Nodes)).join('; '));
      visitList(block, inActionSection, Boolean(heading && ATTENDANCE_SECTION.test(heading.name)));
    } else if (block.type === 'blockquote') {
      if (h <= CANCELLED_NOTE_HEADINGS && isCancelledNote(blockText(block))) doc.cancelled = true;
    } else if (block.type === 'paragraph') {
      addSnippet(plainText(block));
      if (h <= CANCELLED_NOTE_HEADINGS && isCancelledNote(plainText(block))) doc.cancelled = true;
      const source = lines.text.slice(block.position?.start.offset ?? 0, block.position?.end.offset ?? 0);
      if (AI_MARKER.test(source)) {
        const itemText = plainText(block).trim();
        const owner = ownerOf(itemText);
        doc.actions.push({ text: itemText, owner, done: false, range: lines.range(block.position?.start.offset ?? 0, block.position?.end.offset ?? 0), section: heading?.text });
      }
    }
  }
}

/** Like plainText, with a space between blocks (a list item's paragraph and its sub-list). */
function blockText(node: Nodes): string {
  if (node.type === 'paragraph' || node.type === 'heading') return plainText(node);
  if ('children' in node) return (node as Parents).children.map((c) => blockText(c as Nodes)).filter(Boolean).join(' ');
  return plainText(node);
}

/** The text a reader sees in a node, without HTML tags. */
export function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node as Parents).children.map((c) => plainText(c as Nodes)).join('');
  return '';
}

interface Span {
  kind: 'inline' | 'autolink' | 'literal';
  start: number;
  end: number;
}

/** Where the destination of a link or image node lies in the source. */
function destinationSpan(text: string, start: number, end: number, image: boolean, children: Nodes[]): Span | undefined {
  const first = text.charCodeAt(start);
  if (first === 0x3c /* < */ && text.charCodeAt(end - 1) === 0x3e /* > */) return { kind: 'autolink', start: start + 1, end: end - 1 };
  const open = image ? start + 1 : start;
  if (text.charCodeAt(open) !== 0x5b /* [ */) return { kind: 'literal', start, end };
  let labelEnd: number;
  const last = children.length ? children[children.length - 1].position?.end.offset : undefined;
  if (last !== undefined && text.charCodeAt(last) === 0x5d) labelEnd = last;
  else labelEnd = matchBracket(text, open, end);
  if (labelEnd < 0 || text.charCodeAt(labelEnd + 1) !== 0x28 /* ( */) return undefined;
  let i = labelEnd + 2;
  // White space, and on a following line its container prefix (`> ` in a block quote).
  for (let newline = false; i < end; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') newline = true;
    else if (!/\s/.test(ch) && !(newline && ch === '>')) break;
  }
  if (text.charCodeAt(i) === 0x3c) {
    const close = text.indexOf('>', i + 1);
    return close > 0 && close < end ? { kind: 'inline', start: i + 1, end: close } : undefined;
  }
  return { kind: 'inline', start: i, end: scanBareDestination(text, i, end) };
}

function matchBracket(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x5b) depth++;
    else if (c === 0x5d && --depth === 0) return i;
  }
  return -1;
}

/** A destination without `<…>` ends at white space or at an unbalanced `)`. */
function scanBareDestination(text: string, from: number, limit: number): number {
  let depth = 0;
  let i = from;
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) { i++; continue; }
    if (c <= 0x20) break;
    if (c === 0x28) depth++;
    else if (c === 0x29) {
      if (depth === 0) break;
      depth--;
    }
  }
  return Math.min(i, limit);
}
