// Pathological Markdown: shapes that make a Markdown parser quadratic or worse (runs of emphasis
// markers, brackets, backticks, setext underlines, HTML openers, entities, white space…). A
// repository can commit any of them; parsing on a parser thread, each file either parses or is
// stopped at its budget (PARSE_BUDGET_MS), and never takes more than the budget plus a second.
// `npm test` runs the shapes at 16 KB; `npm run fuzz` (FUZZ_RUNS set) at about 100 KB each.
import * as assert from 'node:assert/strict';
import { ParserPool, ParseBudgetExceeded, PARSE_BUDGET_MS } from '../../src/node/parsing';
import { builtCli } from './helpers';

/** Each shape: a name and the text of about `n` characters. */
export const SHAPES: Array<[string, (n: number) => string]> = [
  ['emphasis openers `*a `', (n) => '*a '.repeat(n / 3)],
  ['emphasis openers `_a `', (n) => '_a '.repeat(n / 3)],
  ['strong openers `**a`', (n) => '**a'.repeat(n / 3)],
  ['a run of `*`', (n) => '*'.repeat(n)],
  ['alternating `*a_`', (n) => '*a_'.repeat(n / 3)],
  ['closers `a* `', (n) => 'a* '.repeat(n / 3)],
  ['mixed `*_*_a`', (n) => '*_*_a'.repeat(n / 5)],
  ['strikethrough `~~a`', (n) => '~~a'.repeat(n / 3)],
  ['a run of `~`', (n) => 'a ' + '~'.repeat(n)],
  ['open brackets `[`', (n) => '['.repeat(n)],
  ['open brackets `[a`', (n) => '[a'.repeat(n / 2)],
  ['image openers `![`', (n) => '!['.repeat(n / 2)],
  ['link openers `[a](`', (n) => '[a]('.repeat(n / 4)],
  ['`](` runs', (n) => '[' + ']('.repeat(n / 2)],
  ['nested brackets `[[[…]]]`', (n) => '['.repeat(n / 2) + ']'.repeat(n / 2)],
  ['reference-like `[a][`', (n) => '[a]['.repeat(n / 4)],
  ['footnote openers `[^`', (n) => '[^'.repeat(n / 2)],
  ['link destinations `[a](<`', (n) => '[a](<'.repeat(n / 5)],
  ['link titles `[a](b "`', (n) => '[a](b "'.repeat(n / 7)],
  ['backticks `a``', (n) => '`a``'.repeat(n / 4)],
  ['backtick runs of growing length', (n) => { let s = ''; for (let i = 1; s.length < n; i++) s += '`'.repeat(i) + 'a'; return s; }],
  ['a run of backticks', (n) => '`'.repeat(n)],
  ['autolink openers `<`', (n) => '<'.repeat(n)],
  ['autolink openers `<a`', (n) => '<a'.repeat(n / 2)],
  ['HTML openers `<a `', (n) => '<a '.repeat(n / 3)],
  ['HTML attributes `<a b="`', (n) => '<a b="'.repeat(n / 6)],
  ['HTML comments `<!--`', (n) => '<!--'.repeat(n / 4)],
  ['literal URLs `www.a`', (n) => 'www.a'.repeat(n / 5)],
  ['literal URLs `http://a`', (n) => 'http://a'.repeat(n / 8)],
  ['e-mail literals `a@b.`', (n) => 'a@b.'.repeat(n / 4)],
  ['entities `&#`', (n) => '&#'.repeat(n / 2)],
  ['entities `&a`', (n) => '&a'.repeat(n / 2)],
  ['backslashes', (n) => '\\'.repeat(n)],
  ['setext underlines `a\\n=`', (n) => 'a\n='.repeat(n / 3)],
  ['setext underlines `a\\n-`', (n) => 'a\n-'.repeat(n / 3)],
  ['paragraph then `-` lines', (n) => 'a\n' + '-\n'.repeat(n / 2)],
  ['lazy lines `a\\n> `', (n) => 'a\n> '.repeat(n / 4)],
  ['list items `- [ ]`', (n) => '- [ ] a\n'.repeat(n / 8)],
  ['ordered items `1. `', (n) => '1. '.repeat(n / 3)],
  ['table pipes', (n) => 'a|b\n-|-\n' + '|'.repeat(n)],
  ['table rows', (n) => 'a|b\n-|-\n' + 'a|b\n'.repeat(n / 4)],
  ['headings `#`', (n) => '#'.repeat(n)],
  ['closing hashes `# a #`', (n) => '# a ' + '# '.repeat(n / 2) + 'a'],
  ['white space inside a code block', (n) => '```\n' + ' \t'.repeat(n / 2) + 'x\n'],
  ['white space runs between words', (n) => ('a' + ' '.repeat(1000)).repeat(n / 1001)],
];

const full = process.env.FUZZ_RUNS !== undefined;
const SIZE = full ? 100 * 1024 : 8 * 1024;

describe(`pathological Markdown: every shape parses or is stopped within its budget (${SIZE / 1024} KB each)`, function () {
  this.timeout(0);
  let pool: ParserPool | undefined;

  before(async () => {
    pool = new ParserPool(await builtCli(), 1, PARSE_BUDGET_MS);
  });

  after(async () => {
    await pool?.close();
  });

  it(`${SHAPES.length} shapes: none takes more than the budget (${PARSE_BUDGET_MS} ms) plus 1 s`, async () => {
    const rows: string[] = [];
    const late: string[] = [];
    for (const [name, make] of SHAPES) {
      const text = make(SIZE);
      const started = Date.now();
      let outcome = 'parsed';
      try {
        await pool!.parse(text);
      } catch (error) {
        outcome = error instanceof ParseBudgetExceeded ? 'stopped at the budget' : `failed: ${String(error)}`;
      }
      const ms = Date.now() - started;
      rows.push(`${String(ms).padStart(6)} ms  ${String(text.length).padStart(7)} chars  ${outcome.padEnd(22)} ${name}`);
      if (ms > PARSE_BUDGET_MS + 1000) late.push(`${name}: ${ms} ms`);
      assert.ok(!outcome.startsWith('failed'), `${name}: ${outcome}`);
    }
    if (full || process.env.PATHOLOGICAL_REPORT) console.log(rows.map((r) => `      ${r}`).join('\n'));
    assert.deepEqual(late, [], 'over the budget plus 1 s');
  });
});
