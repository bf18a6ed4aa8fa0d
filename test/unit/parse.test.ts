import * as assert from 'node:assert/strict';
import { compactDocument, detachDocument, parseMinutes, normalizeSectionName } from '../../src/core/parse';
import type { MinutesLink } from '../../src/core/model';
import type { Range } from '../../src/core/text';

/** `line:char-line:char`, 0-based, for compact range assertions. */
const r = (range: Range) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

function only(text: string): MinutesLink {
  const { links } = parseMinutes(text);
  assert.equal(links.length, 1, `one link expected in ${JSON.stringify(text)}, got ${JSON.stringify(links.map((l) => l.raw))}`);
  return links[0];
}

/** The source text a range covers. */
function cover(text: string, range: Range): string {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  if (range.start.line !== range.end.line) throw new Error('single-line ranges only');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

describe('parse: link destinations and their exact ranges', () => {
  it('[t](dest)', () => {
    const text = 'See [the notes](../iaas/20230426.md) now';
    const link = only(text);
    assert.equal(link.kind, 'inline');
    assert.equal(link.image, false);
    assert.equal(link.raw, '../iaas/20230426.md');
    assert.equal(link.url, '../iaas/20230426.md');
    assert.equal(link.text, 'the notes');
    assert.equal(r(link.range), '0:16-0:35');
    assert.equal(r(link.fullRange), '0:4-0:36');
    assert.equal(cover(text, link.range), '../iaas/20230426.md');
    assert.equal(link.waiting, false);
    assert.equal(link.commented, false);
  });

  it('[t](<dest with space>)', () => {
    const text = 'x [t](<my file.md>)';
    const link = only(text);
    assert.equal(link.raw, 'my file.md');
    assert.equal(link.url, 'my file.md');
    assert.equal(r(link.range), '0:7-0:17');
    assert.equal(r(link.fullRange), '0:2-0:19');
  });

  it('[t](dest "title") — the title is not part of the destination', () => {
    const text = '[t](a.md "Title (x)")';
    const link = only(text);
    assert.equal(link.raw, 'a.md');
    assert.equal(r(link.range), '0:4-0:8');
    assert.equal(r(link.fullRange), '0:0-0:21');
  });

  it('[t](<dest> "title")', () => {
    const link = only('[t](<a b.md> \'T\')');
    assert.equal(link.raw, 'a b.md');
    assert.equal(r(link.range), '0:5-0:11');
  });

  it('nested brackets, code spans with ] and escaped ] in the text', () => {
    for (const [text, label, start] of [
      ['[a [b] c](x.md)', 'a [b] c', 10],
      ['[a `]` b](x.md)', 'a ] b', 10],
      ['[a\\]](x.md)', 'a]', 6],
      ['[[Team] IaaS](x.md)', '[Team] IaaS', 14],
    ] as const) {
      const link = only(text);
      assert.equal(link.text, label, text);
      assert.equal(r(link.range), `0:${start}-0:${start + 4}`, text);
    }
  });

  it('balanced and escaped parentheses in a destination', () => {
    const a = only('[t](a(1).md)');
    assert.equal(a.raw, 'a(1).md');
    assert.equal(r(a.range), '0:4-0:11');
    const b = only('[t](a\\)b.md)');
    assert.equal(b.raw, 'a\\)b.md');
    assert.equal(b.url, 'a)b.md', 'url is unescaped');
    assert.equal(r(b.range), '0:4-0:11');
  });

  it('a destination on the next line', () => {
    const link = only('[t](\n  x.md\n)');
    assert.equal(r(link.range), '1:2-1:6');
    assert.equal(r(link.fullRange), '0:0-2:1');
  });

  it('images ![alt](x.png)', () => {
    const link = only('Diagram: ![the rack](../images/rack.png)');
    assert.equal(link.image, true);
    assert.equal(link.kind, 'inline');
    assert.equal(link.text, 'the rack');
    assert.equal(link.raw, '../images/rack.png');
    assert.equal(r(link.range), '0:21-0:39');
    assert.equal(r(link.fullRange), '0:9-0:40');
  });

  it('an image inside a link gives both links', () => {
    const { links } = parseMinutes('[![img](i.png)](x.md)');
    const byRaw = Object.fromEntries(links.map((l) => [l.raw, l]));
    assert.deepEqual(Object.keys(byRaw).sort(), ['i.png', 'x.md']);
    assert.equal(byRaw['i.png'].image, true);
    assert.equal(r(byRaw['i.png'].range), '0:8-0:13');
    assert.equal(byRaw['x.md'].image, false);
    assert.equal(r(byRaw['x.md'].range), '0:16-0:20');
  });

  it('empty [ ]() has an empty destination', () => {
    const link = only('x []() y');
    assert.equal(link.raw, '');
    assert.equal(link.url, '');
    assert.equal(r(link.range), '0:5-0:5');
    assert.equal(r(link.fullRange), '0:2-0:6');
  });

  it('autolinks <https://…>', () => {
    const text = 'Minutes: <https://github.com/o/r/blob/main/iaas/20230426.md>';
    const link = only(text);
    assert.equal(link.kind, 'autolink');
    assert.equal(link.raw, 'https://github.com/o/r/blob/main/iaas/20230426.md');
    assert.equal(r(link.range), '0:10-0:59');
    assert.equal(r(link.fullRange), '0:9-0:60');
    assert.equal(cover(text, link.range), link.raw);
  });

  it('e-mail autolinks become mailto: URLs', () => {
    const link = only('<foo@bar.example>');
    assert.equal(link.kind, 'autolink');
    assert.equal(link.url, 'mailto:foo@bar.example');
    assert.equal(r(link.range), '0:1-0:16');
  });

  it('GFM bare URLs (https:// and www.)', () => {
    const text = 'Minutes: https://github.com/o/r/blob/main/a.md and www.example.org.';
    const { links } = parseMinutes(text);
    assert.equal(links.length, 2);
    assert.equal(links[0].kind, 'literal');
    assert.equal(links[0].raw, 'https://github.com/o/r/blob/main/a.md');
    assert.equal(r(links[0].range), '0:9-0:46');
    assert.equal(links[1].kind, 'literal');
    assert.equal(links[1].raw, 'www.example.org');
    assert.equal(links[1].url, 'http://www.example.org');
    assert.equal(r(links[1].range), '0:51-0:66', 'the trailing full stop is not part of the URL');
  });

  it('reference definitions [x]: url', () => {
    const text = 'See [notes][n] and [other].\n\n[n]: ../iaas/20230426.md "Title"\n  [other]:\n   <a b.md>\n';
    const { links } = parseMinutes(text);
    assert.equal(links.length, 2, 'the references themselves are not links; their definitions are');
    const [n, other] = links;
    assert.equal(n.kind, 'definition');
    assert.equal(n.raw, '../iaas/20230426.md');
    assert.equal(n.text, 'n');
    assert.equal(r(n.range), '2:5-2:24');
    assert.equal(other.kind, 'definition');
    assert.equal(other.raw, 'a b.md');
    assert.equal(r(other.range), '4:4-4:10');
  });

  it('HTML <a href> and <img src> in any quoting', () => {
    const text = '<a href="a.md">A</a> <img alt="x" src=\'i.png\'> <A HREF=b.md>B</A>';
    const { links } = parseMinutes(text);
    assert.deepEqual(links.map((l) => [l.kind, l.image, l.raw, r(l.range)]), [
      ['html', false, 'a.md', '0:9-0:13'],
      ['html', true, 'i.png', '0:39-0:44'],
      ['html', false, 'b.md', '0:55-0:59'],
    ]);
    for (const l of links) assert.equal(cover(text, l.range), l.raw);
  });

  it('decodes entities in HTML attribute values', () => {
    const link = only('<a href="x.md?a=1&amp;b=2">x</a>');
    assert.equal(link.raw, 'x.md?a=1&amp;b=2');
    assert.equal(link.url, 'x.md?a=1&b=2');
  });

  it('does not take data-href or srcset for href/src', () => {
    const link = only('<img data-src="no.png" srcset="no2.png" src="yes.png">');
    assert.equal(link.raw, 'yes.png');
  });

  it('HTML blocks in list items and block quotes keep exact ranges on later lines', () => {
    for (const text of ['- <div>\n  <a href="y.md">y</a>\n  </div>\n', '> <div>\n> <a href="y.md">y</a>\n> </div>\n']) {
      const link = only(text);
      assert.equal(link.raw, 'y.md');
      assert.equal(r(link.range), '1:11-1:15', text);
      assert.equal(cover(text, link.range), 'y.md');
    }
  });

  it('a destination on the line after the label, inside a block quote', () => {
    const inline = only('> [t](\n> x.md)');
    assert.equal(inline.raw, 'x.md');
    assert.equal(r(inline.range), '1:2-1:6');
    const angle = only('> [t](\n> <x y.md>)');
    assert.equal(angle.raw, 'x y.md');
    assert.equal(r(angle.range), '1:3-1:9');
    const def = parseMinutes('> [x]:\n> url.md\n\n[x]').links;
    assert.equal(def.length, 1);
    assert.equal(def[0].raw, 'url.md');
    assert.equal(r(def[0].range), '1:2-1:8');
  });

  it('links inside block quotes and list items', () => {
    const { links } = parseMinutes('> See [t](a.md)\n> and <https://e.example/x>\n\n- item [u](b.md)\n  1. nested <https://e.example/y>\n');
    assert.deepEqual(links.map((l) => [l.raw, r(l.range)]), [
      ['a.md', '0:10-0:14'],
      ['https://e.example/x', '1:7-1:26'],
      ['b.md', '3:11-3:15'],
      ['https://e.example/y', '4:13-4:32'],
    ]);
  });

  it('collects HTML anchors (name and id), lower-cased', () => {
    const doc = parseMinutes('<a name="Custom-Anchor"></a>\n\n<h2 id="Decisions">Decisions</h2>\n\n<div data-id="not-this"></div>\n');
    assert.deepEqual(doc.htmlAnchors, ['custom-anchor', 'decisions']);
    assert.equal(doc.links.length, 0);
  });
});

describe('parse: links in comments, waiting markers', () => {
  it('flags links inside HTML comments as commented', () => {
    const { links } = parseMinutes('a <!-- <a href="gone.md">x</a> --> b <a href="here.md">y</a>');
    assert.deepEqual(links.map((l) => [l.raw, l.commented]), [['gone.md', true], ['here.md', false]]);
  });

  it('a Markdown link inside a multi-line comment is never a live link', () => {
    const { links } = parseMinutes('<!--\n[t](c.md)\n<a href="h.md">h</a>\n-->\n[u](d.md)\n');
    assert.equal(links.filter((l) => !l.commented && (l.url === 'c.md' || l.url === 'h.md')).length, 0);
    const d = links.find((l) => l.url === 'd.md');
    assert.ok(d);
    assert.equal(d.commented, false);
    assert.equal(r(d.range), '4:4-4:8');
  });

  it('an unclosed comment opener in a code span does not hide the links after it', () => {
    const { links } = parseMinutes('Use `<!--` to hide text in the pad.\n\n[t](real.md)\n');
    assert.equal(links.length, 1);
    assert.equal(links[0].raw, 'real.md');
    assert.equal(links[0].commented, false);
  });

  it('a comment opener in a fenced code block does not hide the links after it', () => {
    const { links } = parseMinutes('```html\n<!-- example\n```\n\n[t](real.md)\n\n```\n-->\n```\n');
    assert.equal(links.length, 1);
    assert.equal(links[0].commented, false);
  });

  it('sets waiting from "(waiting to be merged)" on the link\'s line only', () => {
    const { links } = parseMinutes('Minutes: <https://x.example/a> (waiting to be merged)\nMinutes: <https://x.example/b>\n');
    assert.deepEqual(links.map((l) => l.waiting), [true, false]);
    assert.equal(only('[t](a.md) (Waiting To Be Merged)').waiting, true);
    assert.equal(only('[t](a.md) (not yet merged)').waiting, true);
    // In running prose "not merged" may concern something else: only the remark in parentheses counts.
    assert.equal(only('[t](a.md) — the patch is not yet merged').waiting, false);
  });
});

describe('parse: CRLF and BOM', () => {
  it('gives ranges on CRLF files as a user sees them', () => {
    const text = '# T\r\n\r\nSee [a](a.md) and [b](<b c.md>).\r\nMore: <https://x.example/y>\r\n';
    const { links } = parseMinutes(text);
    assert.deepEqual(links.map((l) => [l.raw, r(l.range)]), [
      ['a.md', '2:8-2:12'],
      ['b c.md', '2:23-2:29'],
      ['https://x.example/y', '3:7-3:26'],
    ]);
    for (const l of links) assert.equal(cover(text, l.range), l.raw);
  });

  it('gives ranges on lone-CR files', () => {
    const link = only('# T\r\r[a](a.md)\r');
    assert.equal(r(link.range), '2:4-2:8');
  });

  it('does not count a BOM as a character', () => {
    const text = '\ufeff[t](b.md)\n# H';
    const doc = parseMinutes(text);
    assert.equal(r(doc.links[0].range), '0:4-0:8');
    assert.equal(r(doc.links[0].fullRange), '0:0-0:9');
  });

  it('finds the title of a file with a BOM and CRLF', () => {
    const doc = parseMinutes('\ufeff# Ops Meeting 2026-11-12\r\n\r\n## Participants\r\n');
    assert.equal(doc.title?.date, '2026-11-12');
    assert.equal(doc.title?.heading.text, 'Ops Meeting 2026-11-12');
    assert.equal(r(doc.headings[0].range), '0:0-0:24');
    assert.equal(doc.lineCount, 3);
  });
});

describe('parse: headings, title, handles, front matter, lines', () => {
  it('gives headings GitHub slugs, duplicates numbered -1, -2', () => {
    const doc = parseMinutes('# Action items\n## Action items\n### Action Items\n## Participants (handles):\n## Über uns!\n## A `code` *em*\n');
    assert.deepEqual(doc.headings.map((h) => h.slug), ['action-items', 'action-items-1', 'action-items-2', 'participants-handles', 'über-uns', 'a-code-em']);
    assert.deepEqual(doc.headings.map((h) => h.level), [1, 2, 3, 2, 2, 2]);
    assert.equal(doc.headings[3].name, 'participants');
    assert.equal(doc.headings[5].text, 'A code em');
  });

  it('numbers a slug that collides with an earlier -1 suffix', () => {
    const doc = parseMinutes('## Follow-up\n## Follow-up\n## Follow-up-1\n');
    assert.deepEqual(doc.headings.map((h) => h.slug), ['follow-up', 'follow-up-1', 'follow-up-1-1']);
  });

  it('gives heading ranges', () => {
    const doc = parseMinutes('intro\n\n## Agenda\n');
    assert.equal(r(doc.headings[0].range), '2:0-2:9');
  });

  it('normalizes section names', () => {
    assert.equal(normalizeSectionName('Participants (github handles preferred):'), 'participants');
    assert.equal(normalizeSectionName('  Action   Items  '), 'action items');
    assert.equal(normalizeSectionName('Team-IaaS'), 'team-iaas');
  });

  it('takes the title from the first heading of level 1 or 2, and its date from the title block', () => {
    assert.equal(parseMinutes('# Tech Weekly 2026-11-19\n').title?.date, '2026-11-19');
    assert.equal(parseMinutes('intro\n\n## Weekly 2023-04-26\n### 2023-05-01').title?.date, '2023-04-26');
    assert.equal(parseMinutes('### Weekly 2023-04-26\n').title, undefined, 'level 3 is not a title');
    assert.equal(parseMinutes('### Notes\n# Weekly 2023-04-26\n').title, undefined, 'only the first heading can be the title');
    // A slide-style weekly puts the date in a second top-level heading.
    const slide = parseMinutes('# Weekly\n## 2023-04-26');
    assert.equal(slide.title?.heading.text, 'Weekly');
    assert.equal(slide.title?.date, '2023-04-26');
    assert.equal(slide.title?.dateHeading?.text, '2023-04-26');
    const noDate = parseMinutes('# Weekly\n### 2023-04-26\n## Agenda');
    assert.equal(noDate.title?.date, undefined, 'a deeper heading is not part of the title block');
    assert.equal(parseMinutes('# Weekly 2023-02-30').title?.date, undefined, 'an impossible date is no date');
    assert.equal(parseMinutes('# Weekly 12023-04-26').title?.date, undefined);
    assert.equal(parseMinutes('no headings').title, undefined);
  });

  it('counts @handles, not e-mail addresses', () => {
    const doc = parseMinutes('- @alice, @bob-x and @alice\n- mail bob@example.com or @carol.\n- `@not-in-code` @dave_x\n');
    assert.deepEqual(doc.handles, { alice: 2, 'bob-x': 1, carol: 1 });
  });

  it('reads front matter only when --- is on line 1', () => {
    const fm = parseMinutes('---\ntitle: x\n---\n# T\n');
    assert.ok(fm.frontMatter);
    assert.equal(r(fm.frontMatter.range), '0:0-2:3');
    assert.equal(fm.headings.length, 1);
    assert.equal(parseMinutes('\n---\ntitle: x\n---\n').frontMatter, undefined);
    const late = parseMinutes('x\n---\na: 1\n---\n');
    assert.equal(late.frontMatter, undefined);
  });

  it('counts lines as GitHub numbers them', () => {
    assert.equal(parseMinutes('').lineCount, 0);
    assert.equal(parseMinutes('a').lineCount, 1);
    assert.equal(parseMinutes('a\n').lineCount, 1);
    assert.equal(parseMinutes('a\nb').lineCount, 2);
    assert.equal(parseMinutes('a\nb\n').lineCount, 2);
    assert.equal(parseMinutes('a\nb\n\n').lineCount, 3);
    assert.equal(parseMinutes('a\r\nb\r\n').lineCount, 2);
    assert.equal(parseMinutes('a\rb\r').lineCount, 2);
    assert.equal(parseMinutes('\ufeffa\n').lineCount, 1);
  });
});

describe('parse: a block left open at the end of the file', () => {
  it('names the fence or `-->` that closes it, only when the last top-level block is left open', () => {
    assert.equal(parseMinutes('# T\n\n````js\ncode\n').unclosedAtEnd, '````');
    assert.equal(parseMinutes('# T\n\n~~~\ncode').unclosedAtEnd, '~~~');
    assert.equal(parseMinutes('# T\n\n<!-- draft\nmore\n').unclosedAtEnd, '-->');
    assert.equal(parseMinutes('# T\n\n```\ncode\n```\n').unclosedAtEnd, undefined);
    assert.equal(parseMinutes('# T\n\n<!-- done -->\n').unclosedAtEnd, undefined);
    assert.equal(parseMinutes('# T\n\n```\ncode\n```\n\ntext\n').unclosedAtEnd, undefined);
  });
});

describe('parse: models share equal positions (the index holds every file at once)', () => {
  it('an equal (line, character) is one object across models, from a parse and from a copy', () => {
    const a = parseMinutes('# Title\n\nSee [x](a.md).\n');
    const b = parseMinutes('# Other title\n\nSee [y](b.md).\n');
    assert.equal(a.headings[0].range.start, b.headings[0].range.start);
    assert.equal(a.links[0].range.start, b.links[0].range.start);
    // A model that crossed a thread or came from the cache arrives as a copy and is compacted again.
    const copy = detachDocument(a);
    assert.equal(copy.links[0].fullRange.end, a.links[0].fullRange.end);
    assert.equal(JSON.stringify(copy), JSON.stringify(a));
  });

  it('positions no table holds (fractions, negative or huge numbers from a bad cache) stay the model’s own and unchanged', () => {
    const doc = parseMinutes('# Title\n');
    const odd = { start: { line: 0.5, character: 3 }, end: { line: 40_000, character: 70_000 } };
    const twin = { start: { line: 0, character: 32_771 }, end: { line: -1, character: 2 } };
    doc.headings[0].range = odd;
    doc.links.push({ ...parseMinutes('[a](b)').links[0], range: twin, fullRange: twin });
    const compacted = compactDocument(doc);
    assert.equal(compacted.headings[0].range.start, odd.start);
    assert.deepEqual(compacted.headings[0].range, { start: { line: 0.5, character: 3 }, end: { line: 40_000, character: 70_000 } });
    assert.deepEqual(compacted.links.at(-1)!.range, { start: { line: 0, character: 32_771 }, end: { line: -1, character: 2 } });
  });
});
