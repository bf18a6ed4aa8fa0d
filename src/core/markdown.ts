// A lean syntax tree built straight from micromark's events: only the nodes the minutes model reads,
// offsets instead of position objects, and no work for anything else. It follows mdast's shape and
// text rules (what becomes a text node, where line endings count, task list checks), so the model
// reads the same as from mdast-util-from-markdown, at a fraction of the time and memory. The build
// is a loop over the events with an explicit stack: nesting depth never reaches the call stack.
import { parse, postprocess, preprocess } from 'micromark';
import type { Chunk, Event, Extension, Token, TokenizeContext } from 'micromark-util-types';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { decodeString } from 'micromark-util-decode-string';

export type MdType =
  | 'root' | 'heading' | 'paragraph' | 'blockquote' | 'list' | 'listItem' | 'code' | 'html' | 'thematicBreak'
  | 'definition' | 'yaml' | 'table' | 'tableRow' | 'tableCell' | 'footnoteDefinition' | 'footnoteReference'
  | 'link' | 'image' | 'linkReference' | 'imageReference' | 'emphasis' | 'strong' | 'delete' | 'inlineCode'
  | 'text' | 'break' | 'fragment';

export class MdNode {
  children: MdNode[] | undefined;
  /** Text of a text or inline code node. */
  value = '';
  /** Heading level. */
  depth = 0;
  /** A task list item's check. */
  checked: boolean | undefined = undefined;
  /** A link's or definition's destination, decoded. */
  url = '';
  /** An image's alternative text. */
  alt = '';
  /** A definition's label. */
  label = '';
  /** How a link is written. */
  form: 'inline' | 'autolink' | 'literal' | undefined = undefined;
  /** The destination as written, as offsets (-1: none). */
  destStart = -1;
  destEnd = -1;
  /** A fenced code block's fence lines (1: never closed). */
  fences = 0;
  /** Between a label's brackets (-1: no label). */
  labelStart = -1;
  labelEnd = -1;
  constructor(
    public type: MdType,
    public start: number,
    public end: number,
    parent: boolean,
  ) {
    this.children = parent ? [] : undefined;
  }
}

// GitHub's dialect, except e-mail autolink literals: a `mailto:` is never a minutes link, and that
// construct alone tries every word of prose, which costs a fifth of the parse.
const autolinks = gfmAutolinkLiteral();
const autolinkText = autolinks.text as Record<number, unknown>;
const pick = (code: number) => (autolinkText[code] as unknown[])[1];
const webAutolinks = {
  text: { 72: pick(72), 104: pick(104), 87: pick(87), 119: pick(119) },
} as unknown as Extension;
const extensions: Extension[] = [
  // GitHub treats only YAML between `---` lines at the very start as front matter.
  frontmatter(['yaml']),
  gfmFootnote(),
  webAutolinks,
  gfmStrikethrough(),
  gfmTable(),
  gfmTaskListItem(),
];
const withoutAutolinks = extensions.filter((e) => e !== webAutolinks);

type Parser = ReturnType<typeof parse> & { gfmFootnotes?: string[] };
// One parser for every document: combining the extensions is the same work each time. What a
// document leaves in it (its definitions, footnote definitions and lazy lines) is cleared before the next.
let parser: Parser | undefined;
// The same without autolink literals, for text with no `http` or `www` in it, where they cannot
// match: they are tried at every word that starts with h or w, and each try costs.
let plainTextParser: Parser | undefined;

/** Where the document has `http` or `www` (any case), in order. */
let autolinkStarts: number[] = [];
const AUTOLINK_START = /http|www/gi;

export function markdownEvents(text: string): Event[] {
  parser ??= parse({ extensions });
  plainTextParser ??= parse({ extensions: withoutAutolinks });
  // Both parsers' text tokenizers see the same definitions.
  plainTextParser.defined = parser.defined = [];
  plainTextParser.gfmFootnotes = parser.gfmFootnotes = [];
  parser.lazy = {};
  autolinkStarts = [];
  AUTOLINK_START.lastIndex = 0;
  for (let m = AUTOLINK_START.exec(text); m; m = AUTOLINK_START.exec(text)) autolinkStarts.push(m.index);
  let events = parser.document().write(preprocess()(text, undefined, true));
  try {
    while (expandContent(events)) events = expanded;
    return expanded;
  } catch (error) {
    if (error !== UNEXPECTED) throw error;
    // A shape the pass below does not know: micromark's own postprocess, on a fresh parse.
    parser.defined = [];
    parser.gfmFootnotes = [];
    parser.lazy = {};
    return postprocess(parser.document().write(preprocess()(text, undefined, true)));
  }
}

/** Whether `http` or `www` starts in [start, end) of the document. */
function autolinkStartIn(start: number, end: number): boolean {
  let lo = 0;
  let hi = autolinkStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (autolinkStarts[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < autolinkStarts.length && autolinkStarts[lo] < end;
}

/** Thrown by expandContent on a shape micromark's own postprocess handles differently. */
const UNEXPECTED = new Error('unexpected content chain');
/** The events of expandContent's last pass. */
let expanded: Event[] = [];

/**
 * One pass of what micromark's postprocess repeats until nothing is left to do (its subtokenize):
 * each token that holds content of another kind (flow in a container, a paragraph's content, a
 * heading's text…) is tokenized by a tokenizer of that kind, one chain of linked tokens at a time in
 * document order, and its events take the place of the chain's tokens; content found in those
 * events waits for the next pass (so every definition is known before any text is tokenized). A
 * container's exit moves before the line endings that end it. Same result, but built into a new
 * array: micromark splices into the old one and keeps a table of index jumps, whose upkeep was a
 * sixth of the whole parse. Leaves the result in `expanded`; returns whether content was found.
 */
function expandContent(events: Event[]): boolean {
  const out: Event[] = [];
  /** The events that replace the enter and exit of a chain's later token. */
  const pending = new Map<Token, Event[]>();
  let found = false;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const token = event[1];
    if (event[0] === 'enter') {
      if (token.contentType === undefined) {
        out.push(event);
        continue;
      }
      let slice = pending.get(token);
      if (slice) pending.delete(token);
      else {
        found = true;
        if (token.type === 'chunkFlow' && out.length && out[out.length - 1][1].type === 'listItemPrefix') markFirstContent(token);
        slice = tokenizeChain(token, event[2], pending);
      }
      // The chain's token is enter and exit side by side; its events stand in for both.
      if (events[i + 1]?.[1] !== token) throw UNEXPECTED;
      for (let k = 0; k < slice.length; k++) out.push(slice[k]);
      i++;
      continue;
    }
    if (token._container) moveExitBeforeLineEndings(out, event);
    else out.push(event);
  }
  if (pending.size) throw UNEXPECTED;
  expanded = out;
  return found;
}

/** The GFM task list item extension needs to know which text is in a list item's first content. */
function markFirstContent(flow: Token): void {
  const inner = (flow._tokenizer as TokenizeContext).events;
  let k = 0;
  if (k < inner.length && inner[k][1].type === 'lineEndingBlank') k += 2;
  if (k >= inner.length || inner[k][1].type !== 'content') return;
  while (++k < inner.length) {
    const type = inner[k][1].type;
    if (type === 'content') return;
    if (type === 'chunkText') {
      inner[k][1]._isInFirstContentOfListItem = true;
      k++;
    }
  }
}

/**
 * Tokenizes the chain of linked tokens that starts at `head` and returns the events of the head;
 * those of the later tokens go into `pending`.
 */
function tokenizeChain(head: Token, context: TokenizeContext, pending: Map<Token, Event[]>): Event[] {
  const contentType = head.contentType as NonNullable<Token['contentType']>;
  let tokenizer = head._tokenizer;
  if (!tokenizer) {
    let last = head;
    while (last.next) last = last.next;
    // Text without `http` or `www` needs no autolink literals: the chain's tokens lie between its first's start and its last's end.
    const source = contentType === 'text' && plainTextParser && !autolinkStartIn(head.start.offset, last.end.offset) ? plainTextParser : context.parser;
    tokenizer = source[contentType](head.start);
    if (head._contentTypeTextTrailing) tokenizer._contentTypeTextTrailing = true;
  }
  const childEvents = tokenizer.events;
  const members: Token[] = [];
  for (let current: Token | undefined = head, previous: Token | undefined; current; previous = current, current = current.next) {
    members.push(current);
    if (current._tokenizer) continue;
    const stream: Chunk[] = context.sliceStream(current);
    if (!current.next) stream.push(null);
    if (previous) tokenizer.defineSkip(current.start);
    if (current._isInFirstContentOfListItem) tokenizer._gfmTasklistFirstContentOfListItem = true;
    tokenizer.write(stream);
    if (current._isInFirstContentOfListItem) tokenizer._gfmTasklistFirstContentOfListItem = undefined;
  }
  // Where one token's events end and the next one's begin: after each empty token that spans a line break.
  const breaks = [0];
  let owner = 0;
  for (let k = 1; k < childEvents.length; k++) {
    const [kind, t] = childEvents[k];
    const before = childEvents[k - 1];
    if (kind === 'exit' && before[0] === 'enter' && t.type === before[1].type && t.start.line !== t.end.line) {
      breaks.push(k + 1);
      const member = members[owner++];
      if (!member) throw UNEXPECTED;
      member._tokenizer = undefined;
      member.previous = undefined;
    }
  }
  tokenizer.events = [];
  if (owner < members.length) {
    members[owner]._tokenizer = undefined;
    members[owner].previous = undefined;
  } else breaks.pop();
  if (breaks.length !== members.length) throw UNEXPECTED;
  for (let k = 1; k < members.length; k++) pending.set(members[k], childEvents.slice(breaks[k], breaks[k + 1]));
  return childEvents.slice(0, breaks[1]);
}

/** A container's exit goes before the line endings (and their prefixes) that end it; the first is its line ending, the rest blank. */
function moveExitBeforeLineEndings(out: Event[], exit: Event): void {
  let lineIndex = -1;
  for (let k = out.length - 1; k >= 0; k--) {
    const [kind, t] = out[k];
    if (t.type === 'lineEnding' || t.type === 'lineEndingBlank') {
      if (kind === 'enter') {
        if (lineIndex > 0) out[lineIndex][1].type = 'lineEndingBlank';
        t.type = 'lineEnding';
        lineIndex = k;
      }
    } else if (t.type !== 'linePrefix' && t.type !== 'listItemIndent') break;
  }
  if (lineIndex > 0) {
    exit[1].end = { ...out[lineIndex][1].start };
    out.splice(lineIndex, 0, exit);
  } else out.push(exit);
}

/** Nodes whose line endings are part of their text (as in mdast). */
const EOL_PARENTS = new Set<MdType>(['emphasis', 'fragment', 'heading', 'paragraph', 'strong', 'delete', 'inlineCode']);

/** Tokens whose data is not phrasing text (destinations, labels, code, HTML, front matter). */
const OPAQUE = new Set([
  'resourceDestinationString', 'resourceTitleString', 'definitionLabelString', 'definitionDestinationString',
  'definitionTitleString', 'referenceString', 'codeFencedFenceInfo', 'codeFencedFenceMeta',
  'gfmFootnoteCallString', 'gfmFootnoteDefinitionLabelString', 'taskListCheck',
]);

const PARENTS: Record<string, MdType> = {
  atxHeading: 'heading',
  setextHeading: 'heading',
  paragraph: 'paragraph',
  blockQuote: 'blockquote',
  listOrdered: 'list',
  listUnordered: 'list',
  link: 'link',
  image: 'image',
  autolink: 'link',
  literalAutolink: 'link',
  emphasis: 'emphasis',
  strong: 'strong',
  strikethrough: 'delete',
  table: 'table',
  tableRow: 'tableRow',
  tableHeader: 'tableCell',
  tableData: 'tableCell',
  gfmFootnoteDefinition: 'footnoteDefinition',
};

const LEAVES: Record<string, MdType> = {
  codeFenced: 'code',
  codeIndented: 'code',
  htmlFlow: 'html',
  htmlText: 'html',
  thematicBreak: 'thematicBreak',
  definition: 'definition',
  yaml: 'yaml',
  gfmFootnoteCall: 'footnoteReference',
};

/** Parses Markdown (GFM, YAML front matter on line 1) into the lean tree. */
export function parseMarkdown(text: string): MdNode {
  return buildTree(text, markdownEvents(text));
}

/**
 * Builds the lean tree from micromark's events in one pass. It stays one function on purpose (the
 * one exception to the 100-line limit, see test/unit/structure.test.ts): it is the hottest loop of
 * every check, its state (stack, open leaf, pending line ending) is shared by every event kind, and
 * splitting it would pass that state through calls on each of the millions of events a repository has.
 */
export function buildTree(text: string, events: Event[]): MdNode {
  const root = new MdNode('root', 0, text.length, true);
  const stack: MdNode[] = [root];
  /** Inside a leaf or an opaque token: data is not text. */
  let opaque = 0;
  let leaf: MdNode | undefined;
  let leafToken: Event[1] | undefined;
  let atHardBreak = false;
  let slurpLineEnding = false;
  let inTable = false;

  const top = () => stack[stack.length - 1];
  const appendText = (value: string, start: number, end: number) => {
    const node = top();
    if (node.type === 'inlineCode') {
      node.value += value;
      return;
    }
    const siblings = node.children;
    if (!siblings) return;
    const tail = siblings[siblings.length - 1];
    if (tail && tail.type === 'text') {
      tail.value += value;
      tail.end = end;
    } else {
      const t = new MdNode('text', start, end, false);
      t.value = value;
      siblings.push(t);
    }
  };
  const open = (type: MdType, start: number, end: number) => {
    const node = new MdNode(type, start, end, true);
    top().children?.push(node);
    stack.push(node);
    return node;
  };
  const close = (end: number) => {
    const node = stack.pop() as MdNode;
    node.end = end;
    return node;
  };

  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const token = event[1];
    const type = token.type as string;
    const start = token.start.offset;
    const end = token.end.offset;
    if (event[0] === 'enter') {
      if (leaf) {
        // Inside code, HTML, a definition or front matter: only a definition's parts and fences matter.
        if (type === 'codeFencedFence') leaf.fences++;
        else if (leaf.type === 'definition') {
          if (type === 'definitionLabelString') leaf.label = decodeString(text.slice(start, end));
          else if (type === 'definitionDestinationString') {
            leaf.destStart = start;
            leaf.destEnd = end;
            leaf.url = decodeString(text.slice(start, end));
          }
        }
        continue;
      }
      if (OPAQUE.has(type)) {
        opaque++;
        const node = top();
        if (type === 'resourceDestinationString') {
          node.destStart = start;
          node.destEnd = end;
          node.url = decodeString(text.slice(start, end));
        }
        continue;
      }
      if (opaque) continue;
      switch (type) {
        case 'data':
        case 'codeTextData':
        case 'characterEscapeValue':
          appendText(text.slice(start, end), start, end);
          continue;
        case 'characterReference':
          appendText(decodeString(text.slice(start, end)), start, end);
          continue;
        case 'lineEnding':
          if (atHardBreak) {
            atHardBreak = false;
            const node = top().children;
            if (node?.length) node[node.length - 1].end = end;
          } else if (!slurpLineEnding && EOL_PARENTS.has(top().type)) {
            // The token can reach over the next line's container prefix; the line ending itself is one or two characters.
            const crlf = text.charCodeAt(start) === 13 && text.charCodeAt(start + 1) === 10;
            appendText(crlf ? '\r\n' : text[start], start, start + (crlf ? 2 : 1));
          }
          continue;
        case 'autolinkProtocol':
        case 'autolinkEmail':
        case 'literalAutolinkHttp':
        case 'literalAutolinkWww':
        case 'literalAutolinkEmail': {
          const link = top();
          const raw = text.slice(start, end);
          link.url = type === 'autolinkEmail' || type === 'literalAutolinkEmail' ? `mailto:${raw}` : type === 'literalAutolinkWww' ? `http://${raw}` : raw;
          link.destStart = start;
          link.destEnd = end;
          appendText(raw, start, end);
          continue;
        }
        case 'atxHeadingSequence': {
          const node = top();
          if (node.type === 'heading' && !node.depth) node.depth = end - start;
          continue;
        }
        case 'setextHeadingLineSequence':
          top().depth = text.charCodeAt(start) === 61 /* = */ ? 1 : 2;
          continue;
        case 'listItemPrefix': {
          if (top().type === 'listItem') close(top().end);
          open('listItem', start, end);
          continue;
        }
        case 'label': {
          open('fragment', start, end);
          continue;
        }
        case 'labelText': {
          const link = stack[stack.length - 2];
          link.labelStart = start;
          link.labelEnd = end;
          continue;
        }
        case 'resource':
          top().form = 'inline';
          continue;
        case 'resourceDestinationLiteral': {
          const node = top();
          node.destStart = node.destEnd = start + 1;
          continue;
        }
        case 'hardBreakEscape':
        case 'hardBreakTrailing':
          top().children?.push(new MdNode('break', start, end, false));
          continue;
        case 'codeText':
          open('inlineCode', start, end);
          continue;
        default:
          break;
      }
      const parentType = PARENTS[type];
      if (parentType) {
        const node = open(parentType, start, end);
        if (type === 'autolink') node.form = 'autolink';
        else if (type === 'literalAutolink') node.form = 'literal';
        else if (type === 'table') inTable = true;
        continue;
      }
      const leafType = LEAVES[type];
      if (leafType) {
        leaf = new MdNode(leafType, start, end, false);
        leafToken = token;
        top().children?.push(leaf);
      }
      continue;
    }

    // exit
    if (leaf) {
      if (token === leafToken) {
        if (leaf.type === 'html') leaf.value = text.slice(leaf.start, leaf.end);
        leaf = leafToken = undefined;
      }
      continue;
    }
    if (OPAQUE.has(type)) {
      opaque--;
      if (type === 'taskListCheck') {
        const item = stack[stack.length - 2];
        if (item?.type === 'listItem') item.checked = text.slice(start + 1, end - 1).trim() !== '';
      }
      continue;
    }
    if (opaque) continue;
    switch (type) {
      case 'setextHeadingText':
        slurpLineEnding = true;
        continue;
      case 'setextHeading':
        slurpLineEnding = false;
        close(end);
        continue;
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        atHardBreak = true;
        continue;
      case 'label': {
        const fragment = close(end);
        const node = top();
        // A link's label is its content; an image's is only its alternative text (a link in it is no link).
        if (node.type === 'link') node.children = fragment.children;
        else {
          node.alt = toStringAll(fragment);
          node.children = [];
        }
        continue;
      }
      case 'resource': {
        const node = top();
        // `[x]()`: an empty destination, where the `)` stands.
        if (node.destStart < 0) node.destStart = node.destEnd = end - 1;
        continue;
      }
      case 'codeText': {
        const node = close(end);
        if (inTable) node.value = node.value.replace(/\\([\\|])/g, (all, c: string) => (c === '|' ? c : all));
        continue;
      }
      case 'listOrdered':
      case 'listUnordered':
        if (top().type === 'listItem') close(top().end);
        close(end);
        continue;
      case 'paragraph': {
        const paragraph = close(end);
        removeTaskCheckSpace(top(), paragraph);
        trackEnd(top(), end);
        continue;
      }
      case 'link':
      case 'image': {
        const node = close(end);
        // Without a resource it is a reference (`[text][label]`, `[label]`).
        if (node.form !== 'inline') node.type = node.type === 'link' ? 'linkReference' : 'imageReference';
        continue;
      }
      case 'table':
        inTable = false;
        close(end);
        continue;
      default:
        break;
    }
    if (PARENTS[type]) {
      close(end);
      trackEnd(top(), end);
    }
  }
  return root;
}

/** A list item ends where its last content ends. */
function trackEnd(node: MdNode, end: number): void {
  if (node.type === 'listItem' && end > node.end) node.end = end;
}

/** mdast drops the space after a task list item's `[ ]` from its first paragraph. */
function removeTaskCheckSpace(item: MdNode, paragraph: MdNode): void {
  if (item.type !== 'listItem' || typeof item.checked !== 'boolean') return;
  const head = paragraph.children?.[0];
  if (!head || head.type !== 'text') return;
  const first = item.children?.find((c) => c.type === 'paragraph');
  if (first !== paragraph) return;
  head.value = head.value.slice(1);
  if (head.value.length === 0) paragraph.children?.shift();
  else head.start++;
}

/** Every value in a node (text, code, HTML) and image alternative texts, as mdast-util-to-string gives. */
export function toStringAll(node: MdNode): string {
  let out = '';
  const stack: MdNode[] = [node];
  while (stack.length) {
    const n = stack.pop() as MdNode;
    if (n.type === 'text' || n.type === 'inlineCode' || n.type === 'html') out += n.value;
    else if (n.type === 'image') out += n.alt;
    else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** The text a reader sees in a node: text, inline code, image alternative texts; no HTML. */
export function plainText(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt;
  if (!node.children) return '';
  let out = '';
  const stack: MdNode[] = [];
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  while (stack.length) {
    const n = stack.pop() as MdNode;
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value;
    else if (n.type === 'image') out += n.alt;
    else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}
