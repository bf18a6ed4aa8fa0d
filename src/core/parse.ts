// Parses one Markdown file into the compact minutes model, with exact source ranges.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import GithubSlugger from 'github-slugger';
import type { Nodes, Parents, Root } from 'mdast';
import { LineIndex, stripBom } from './text';
import { formatDate, isValidDate } from './dates';
import type { MinutesDocument, MinutesHeading, MinutesLink } from './model';

// GitHub treats only YAML between `---` lines at the very start as front matter.
const micromarkExtensions = [frontmatter(['yaml']), gfm()];
const mdastExtensions = [frontmatterFromMarkdown(['yaml']), gfmFromMarkdown()];

const WAITING = /waiting to be merged|not (?:yet )?merged|pending merge/i;
const HANDLE = /(?<![\w@./-])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\w@])/g;
const DATE_IN_TITLE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;

export function parseTree(text: string): Root {
  return fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
}

export function parseMinutes(input: string): MinutesDocument {
  const text = stripBom(input);
  const lines = new LineIndex(text);
  const tree = parseTree(text);
  const slugger = new GithubSlugger();
  const doc: MinutesDocument = { lineCount: visibleLineCount(text, lines), headings: [], links: [], htmlAnchors: [], handles: {} };
  // Only HTML nodes can hold comments (a `<!--` in a code span or code block is text), and only
  // HTML links can lie inside one; spans are collected as those nodes are visited.
  const comments: Array<[number, number]> = [];

  const addLink = (link: Omit<MinutesLink, 'waiting' | 'commented' | 'range' | 'fullRange'>, start: number, end: number, fullStart: number, fullEnd: number) => {
    const range = lines.range(start, end);
    doc.links.push({
      ...link,
      range,
      fullRange: lines.range(fullStart, fullEnd),
      waiting: WAITING.test(lines.lineText(range.start.line)),
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
        };
        doc.headings.push(heading);
        break;
      }
      case 'link':
      case 'image': {
        const dest = destinationSpan(text, start, end, node.type === 'image', node.type === 'link' ? node.children : []);
        if (dest) {
          addLink(
            { kind: dest.kind, image: node.type === 'image', raw: text.slice(dest.start, dest.end), url: node.url, text: node.type === 'image' ? node.alt ?? '' : plainText(node) },
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
        for (const [s, e] of commentSpans(source)) comments.push([start + s, start + e]);
        collectHtml(source, start, addLink, doc.htmlAnchors);
        break;
      }
      case 'text':
        countHandles(node.value, doc.handles);
        break;
      case 'yaml':
        doc.frontMatter = { range: lines.range(start, end) };
        break;
      default:
        break;
    }
    if ('children' in node) {
      for (const child of (node as Parents).children) visit(child as Nodes);
    }
  };
  visit(tree);

  const first = doc.headings[0];
  if (first && first.level <= 2) {
    const m = DATE_IN_TITLE.exec(first.text);
    const date = m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3])) ? formatDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
    doc.title = { heading: first, date };
  }
  return doc;
}

/** Lines as GitHub numbers them: a final line break does not start another line. */
function visibleLineCount(text: string, lines: LineIndex): number {
  if (text === '') return 0;
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? lines.lineCount - 1 : lines.lineCount;
}

/** The text a reader sees in a node, without HTML tags. */
export function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node as Parents).children.map((c) => plainText(c as Nodes)).join('');
  return '';
}

export function normalizeSectionName(text: string): string {
  return text
    .toLowerCase()
    // `:family: Participants` – GitHub emoji shortcodes decorate, they do not name.
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function countHandles(value: string, into: Record<string, number>): void {
  HANDLE.lastIndex = 0;
  for (let m = HANDLE.exec(value); m; m = HANDLE.exec(value)) {
    into[m[1]] = (into[m[1]] ?? 0) + 1;
  }
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

function commentSpans(text: string): Array<[number, number]> {
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

function collectHtml(
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
  HTML_ANCHOR.lastIndex = 0;
  for (let m = HTML_ANCHOR.exec(html); m; m = HTML_ANCHOR.exec(html)) {
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (value) anchors.push(value.toLowerCase());
  }
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
