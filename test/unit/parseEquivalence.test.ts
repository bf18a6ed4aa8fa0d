// The core reads micromark's events into a lean tree (src/core/markdown.ts) instead of building an
// mdast tree; the model must not change by it. test/reference/mdastParse.ts is the model as built
// through mdast-util-from-markdown: both must agree on the fixtures, on every case folder's files,
// on random documents, and on the real minutes repository when it is beside the project.
// Three differences are by design and are taken out of the reference before comparing:
// - e-mail autolink literals (`someone@example.org` in prose): `mailto:` links are never minutes
//   links, and recognising them costs a fifth of the parse;
// - links the mdast GFM transform finds inside words (`see:https://…`, `](https://…`), which
//   GitHub does not render as links, and which mdast gives no position (the old model put them at 1:1);
// - section previews (snippets) are cut at 101 characters, what a hover shows, instead of 160.
// A faster parser (@lezer/markdown + GFM) was held to this same standard and not adopted: its
// model differs on 93 of the 778 corpus files and 1,932 of 3,000 fuzzed documents (no link
// reference resolution, no front matter or footnotes, LF-only line endings, other bare-URL
// boundaries); `node bench/parser-eval.mjs` measures it, bench/README.md has the numbers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { parseMinutes } from '../../src/core/parse';
import type { MinutesDocument } from '../../src/core/model';
import { parseMinutesWithMdast } from '../reference/mdastParse';
import { anyDoc, fuzzParameters, rawText } from './arbitraries';
import { CORPUS, ROOT, markdownUnder } from './helpers';

function reference(text: string): MinutesDocument {
  const doc = parseMinutesWithMdast(text);
  doc.links = doc.links.filter(
    (l) => !(l.kind === 'literal' && l.url.startsWith('mailto:')) && !(l.kind === 'literal' && l.raw === '' && l.fullRange.end.line === 0 && l.fullRange.end.character === 0),
  );
  // Section previews are kept to what a hover shows (100 characters and an ellipsis).
  for (const h of doc.headings) h.snippet = h.snippet.slice(0, 101);
  return doc;
}

function same(text: string, label: string): void {
  const actual = JSON.parse(JSON.stringify(parseMinutes(text))) as MinutesDocument;
  // Newer than the reference: what closes a block the file leaves open at its end.
  delete actual.unclosedAtEnd;
  const expected = JSON.parse(JSON.stringify(reference(text))) as MinutesDocument;
  for (const key of Object.keys(expected) as Array<keyof MinutesDocument>) {
    assert.deepEqual(actual[key], expected[key], `${label}: ${key} differs`);
  }
  assert.deepEqual(actual, expected, label);
}


describe('the model from micromark events equals the model from mdast', function () {
  this.timeout(300_000);

  it('on every fixture and case file', () => {
    const files = [...markdownUnder(nodePath.join(ROOT, 'test/fixtures')), ...markdownUnder(nodePath.join(ROOT, 'test/cases'))];
    assert.ok(files.length > 50, `only ${files.length} files found`);
    for (const f of files) same(fs.readFileSync(f, 'utf8'), nodePath.relative(ROOT, f));
  });

  it('on constructs where the two could part: labels, escapes, references, tasks, tables, breaks, HTML', () => {
    const samples = [
      '# Title *em* `code` <b>x</b> \\& &amp; &#35; ![al*t*](i.png "t")\n',
      'Setext *heading*\nsecond line\n===\n\n---\nkey: value\n---\n',
      '- [ ] @bob task [l](<a b> "t") ~~x~~\n  - done\n- [x] ~~old~~\n- [ ]\n-\n',
      '[a\nb](x.md) [](y.md) [c]( ) [d](<>) [e][ref] [ref] ![i][ref]\n\n[ref]: <./r.md> "title"\n[ref2]:\n  ./s.md\n',
      '| a | `b\\|c` | [x](y.md) |\n|---|---|---|\n| @z | ![i](j.png) | <a href="k.md">k</a> |\n',
      'line  \nbreak\\\nescape `co\nde` https://github.com/o/r/blob/main/a.md. www.example.org/x\n',
      '> - quoted [link](a.md)\n>   lazy\n> > deeper <https://x.org/y> <mail@x.org>\n',
      '<!-- [hidden](h.md) <a href="c.md"> -->\n<div id="anchor">\n\n[after](#anchor)\n</div>\n',
      'text[^1] and [^2]\n\n[^1]: note @n [fl](f.md)\n\n    indented [code](no.md)\n\n```\n[fenced](no.md)\n```\n',
      '\ufeff---\ntitle: x\n---\n# After front matter\r\n\r\n- a\r\n  - b\r\n',
      '* AI @alice: do it\n* _AI @bob: (done) fix_\n\n## Action items\n\n- @carol check\n  - done\n',
    ];
    samples.forEach((s, i) => same(s, `sample ${i}`));
  });

  it('on random documents and raw text', () => {
    const { seed, numRuns } = fuzzParameters(150);
    fc.assert(fc.property(fc.oneof(anyDoc, rawText), (text) => same(text, JSON.stringify(text.slice(0, 80)))), { seed, numRuns });
  });

  it('on every file of the real minutes repository', function () {
    if (!fs.existsSync(CORPUS) || process.env.MINUTES_CORPUS === '0') this.skip();
    const files = markdownUnder(CORPUS);
    assert.ok(files.length > 100);
    for (const f of files) same(fs.readFileSync(f, 'utf8'), nodePath.relative(CORPUS, f));
  });
});
