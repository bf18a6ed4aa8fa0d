// The parser evaluation of issue 17: is @lezer/markdown (with its GFM extensions) a backend that
// gives the model the mdast reference gives (test/unit/parseEquivalence.test.ts), and how much
// faster is it? Run: `node bench/parser-eval.mjs [--fuzz N] [--passes N] [corpus]`.
//
// It does not build a whole lean tree from lezer: it compares what lezer's tree says about the
// parts of the model every rule reads — which links exist (inline links, images, autolinks, bare
// URLs, definitions, by where they start and what they are) and which headings (level, line) —
// with the model of the current parser, which equals the mdast reference on every fixture, case,
// corpus file and fuzzed document (the equivalence test). Any difference there is a difference the
// full backend would have too; the report counts documents with one, by construct.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { parser as baseParser, GFM, type Tree } from '@lezer/markdown';
import { parseMinutes } from '../src/core/parse';
import { markdownEvents } from '../src/core/markdown';
import { LineIndex, stripBom } from '../src/core/text';
import { markdownDoc } from '../test/unit/arbitraries';

const lezer = baseParser.configure(GFM);

interface Shape {
  links: Set<string>;
  headings: Set<string>;
}

/** Links and headings as lezer's tree gives them, keyed `line:character kind`. */
function lezerShape(text: string): Shape & { undefinedRefs: number; footnotes: number; urlInWord: number } {
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.positionAt(offset);
    return `${p.line}:${p.character}`;
  };
  const tree: Tree = lezer.parse(text);
  const links = new Set<string>();
  const headings = new Set<string>();
  const defined = new Set<string>();
  const refs: string[] = [];
  let footnotes = 0;
  let urlInWord = 0;
  const label = (from: number, to: number) => text.slice(from, to).replace(/^\[|\]$/g, '').trim().replace(/\s+/g, ' ').toLowerCase();
  tree.iterate({
    enter(node) {
      const name = node.name;
      const heading = /^(?:ATXHeading|SetextHeading)(\d)$/.exec(name);
      if (heading) {
        headings.add(`${lines.positionAt(node.from).line} h${heading[1]}`);
        return;
      }
      if (name === 'LinkReference') {
        const l = node.node.getChild('LinkLabel');
        if (l) defined.add(label(l.from, l.to));
        links.add(`${at(node.from)} definition`);
        return false;
      }
      if (name === 'Link' || name === 'Image') {
        // An inline link has `(` after its label (its destination may be empty: `[]()`).
        const inline = node.node.getChildren('LinkMark').some((m) => text[m.from] === '(');
        if (inline) links.add(`${at(node.from)} inline${name === 'Image' ? ' image' : ''}`);
        else {
          const l = node.node.getChild('LinkLabel');
          const marks = node.node.getChildren('LinkMark');
          const own = l ? label(l.from, l.to) : label(node.from + (name === 'Image' ? 1 : 0), marks[1]?.to ?? node.to);
          if (own.startsWith('^')) footnotes++;
          else refs.push(own);
        }
        return undefined;
      }
      if (name === 'Autolink') {
        links.add(`${at(node.from)} autolink`);
        return false;
      }
      if (name === 'URL') {
        // An empty or `<>` destination is a URL node too; only bare URLs in prose are literal links.
        const parent = node.node.parent?.name;
        if (parent === 'Link' || parent === 'Image' || parent === 'Autolink' || parent === 'LinkReference') return;
        // GitHub (and the model, by design) takes no link that starts inside a word.
        if (node.from > 0 && /[\p{L}\p{N}_:/]/u.test(text[node.from - 1])) urlInWord++;
        links.add(`${at(node.from)} literal`);
      }
      return undefined;
    },
  });
  const undefinedRefs = refs.filter((r) => !defined.has(r)).length;
  return { links, headings, undefinedRefs, footnotes, urlInWord };
}

function modelShape(text: string): Shape {
  const doc = parseMinutes(text);
  const links = new Set<string>();
  for (const l of doc.links) {
    if (l.kind === 'html') continue;
    // The model leaves out e-mail autolink literals by design (never minutes links).
    if (l.kind === 'literal' && l.url.startsWith('mailto:')) continue;
    links.add(`${l.fullRange.start.line}:${l.fullRange.start.character} ${l.kind}${l.image ? ' image' : ''}`);
  }
  const headings = new Set(doc.headings.map((h) => `${h.range.start.line} h${h.level}`));
  return { links, headings };
}

interface Tally {
  documents: number;
  differing: number;
  byConstruct: Map<string, number>;
  examples: Map<string, string>;
}

function compare(text: string, tally: Tally, label: string): void {
  tally.documents++;
  const body = stripBom(text);
  const ours = modelShape(body);
  const theirs = lezerShape(body);
  const kinds = new Set<string>();
  const diff = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x));
  const missing = [...diff(ours.links, theirs.links), ...diff(ours.headings, theirs.headings)];
  const extra = [...diff(theirs.links, ours.links), ...diff(theirs.headings, ours.headings)];
  if (/^---\r?\n/.test(body) && (missing.some((m) => m.startsWith('0')) || extra.some((m) => / h2$/.test(m)))) kinds.add('YAML front matter (read as a rule and a heading)');
  if (theirs.footnotes) kinds.add('footnotes (`[^1]` read as a link)');
  if (theirs.undefinedRefs) kinds.add('`[text]` without a definition (read as a link)');
  for (const m of missing) kinds.add(`model has, lezer lacks: ${m.replace(/^\d+:\d+ /, '').replace(/^\d+ /, '')}`);
  for (const e of extra) kinds.add(`lezer has, model lacks: ${e.replace(/^\d+:\d+ /, '').replace(/^\d+ /, '')}`);
  if (theirs.urlInWord) kinds.add('bare URL inside a word (`see:https://…`)');
  if (/\r(?!\n)/.test(body)) kinds.add('lone CR line endings (lezer breaks lines at LF only)');
  if (!kinds.size) return;
  tally.differing++;
  for (const k of kinds) {
    tally.byConstruct.set(k, (tally.byConstruct.get(k) ?? 0) + 1);
    if (!tally.examples.has(k)) tally.examples.set(k, label);
  }
}

function markdownUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timePasses(texts: string[], passes: number, f: (t: string) => unknown): number {
  const times: number[] = [];
  f(texts[0]);
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (const t of texts) f(t);
    times.push(performance.now() - t0);
  }
  return median(times);
}

function report(title: string, tally: Tally): string {
  const rows = [...tally.byConstruct].sort((a, b) => b[1] - a[1]).map(([k, n]) => `| ${k} | ${n} | ${tally.examples.get(k)} |`);
  return [`### ${title}: ${tally.differing} of ${tally.documents} documents differ`, '', ...(rows.length ? ['| construct | documents | first example |', '|---|---|---|', ...rows] : ['none']), ''].join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const fuzz = opt('--fuzz', 3000);
  const passes = opt('--passes', 5);
  const seed = opt('--seed', 17);
  const root = join(__dirname, '..', '..');
  const corpus = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? join(root, '..', 'shared', 'corpus', 'scs-minutes');
  const corpusFiles = markdownUnder(corpus);
  const corpusTexts = corpusFiles.map((f) => readFileSync(f, 'utf8'));
  const out: string[] = ['## Parser evaluation: @lezer/markdown + GFM against the model (mdast reference)', ''];

  const local = [...markdownUnder(join(root, 'test', 'fixtures')), ...markdownUnder(join(root, 'test', 'cases'))];
  const sets: Array<[string, Array<[string, string]>]> = [
    ['fixtures and cases', local.map((f) => [f.slice(root.length + 1), readFileSync(f, 'utf8')])],
    [`corpus (${corpusFiles.length} files)`, corpusFiles.map((f, i) => [f.slice(corpus.length + 1), corpusTexts[i]])],
    [`fuzzed documents (${fuzz}, seed ${seed})`, fc.sample(markdownDoc, { numRuns: fuzz, seed }).map((t, i) => [`fuzz #${i}`, t])],
  ];
  for (const [title, docs] of sets) {
    const tally: Tally = { documents: 0, differing: 0, byConstruct: new Map(), examples: new Map() };
    for (const [label, text] of docs) compare(text, tally, label);
    out.push(report(title, tally));
  }
  if (corpusTexts.length) {
    const mb = corpusTexts.reduce((n, t) => n + t.length, 0) / 1e6;
    const events = timePasses(corpusTexts, passes, (t) => markdownEvents(t));
    const lz = timePasses(corpusTexts, passes, (t) => lezer.parse(t));
    const model = timePasses(corpusTexts, passes, (t) => parseMinutes(t));
    out.push(
      `### Speed on the corpus (${corpusTexts.length} files, ${mb.toFixed(2)} M characters; median of ${passes} warm passes, one thread)`,
      '',
      '| parser | per pass |',
      '|---|---|',
      `| micromark events (the current parser's tokenizer) | ${events.toFixed(0)} ms |`,
      `| current model (events → lean tree → model) | ${model.toFixed(0)} ms |`,
      `| @lezer/markdown + GFM (tree only) | ${lz.toFixed(0)} ms |`,
      '',
    );
  }
  console.log(out.join('\n'));
}

main();
