// Tests for syntaxes/minutes.injection.tmLanguage.json, run through the real TextMate engine
// (vscode-textmate + vscode-oniguruma, the libraries VS Code itself uses).
//
// Which Markdown base grammar runs: every suite below runs once per available base grammar and
// says so in its title.
//  - "VS Code markdown-basics": the real markdown.tmLanguage.json shipped with VS Code, taken from
//    the code-server install under test/host/runtime (present once the host-test setup ran).
//  - "lite fallback": test/unit/fixtures/grammar/markdown-lite.tmLanguage.json, a small stand-in
//    with the same scope names and block structure. It always runs, so the tests pass (and mean
//    something) without the code-server download.
// The fixture lines come from test/fixtures/sample-minutes and from invented text in this file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

import { ROOT } from './helpers';
const INJECTION_PATH = nodePath.join(ROOT, 'syntaxes/minutes.injection.tmLanguage.json');
const VSCODE_EXTENSIONS = nodePath.join(ROOT, 'test/host/runtime/node_modules/code-server/lib/vscode/extensions');
const REAL_MARKDOWN = nodePath.join(VSCODE_EXTENSIONS, 'markdown-basics/syntaxes/markdown.tmLanguage.json');
const LITE_MARKDOWN = nodePath.join(ROOT, 'test/unit/fixtures/grammar/markdown-lite.tmLanguage.json');
const FIXTURE = nodePath.join(ROOT, 'test/fixtures/sample-minutes');
const CORPUS = nodePath.resolve(ROOT, '../shared/corpus/scs-minutes');

const MARKDOWN_SCOPE = 'text.html.markdown';
const INJECTION_SCOPE = 'text.html.markdown.minutes';

const BASES: Array<{ label: string; file: string }> = [];
if (fs.existsSync(REAL_MARKDOWN)) BASES.push({ label: 'VS Code markdown-basics', file: REAL_MARKDOWN });
BASES.push({ label: 'lite fallback', file: LITE_MARKDOWN });

// ---------------------------------------------------------------------------------------------
// Engine

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOnig(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(nodePath.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

function rawGrammar(file: string): vsctm.IRawGrammar {
  return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
}

function makeRegistry(baseFile: string, withInjection: boolean, theme?: vsctm.IRawTheme): vsctm.Registry {
  return new vsctm.Registry({
    onigLib: loadOnig(),
    theme,
    loadGrammar: async (scopeName) => {
      if (scopeName === MARKDOWN_SCOPE) return rawGrammar(baseFile);
      if (scopeName === INJECTION_SCOPE) return rawGrammar(INJECTION_PATH);
      return null; // embedded languages (html, yaml, code fences) are not needed here
    },
    getInjections: (scopeName) => (withInjection && scopeName === MARKDOWN_SCOPE ? [INJECTION_SCOPE] : undefined),
  });
}

async function loadMarkdown(baseFile: string, withInjection: boolean): Promise<vsctm.IGrammar> {
  const grammar = await makeRegistry(baseFile, withInjection).loadGrammar(MARKDOWN_SCOPE);
  assert.ok(grammar, `could not load ${baseFile}`);
  return grammar;
}

interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}
interface Line {
  text: string;
  tokens: Token[];
}

function tokenize(grammar: vsctm.IGrammar, text: string): Line[] {
  let state = vsctm.INITIAL;
  const lines: Line[] = [];
  for (const line of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, state);
    lines.push({
      text: line,
      tokens: result.tokens.map((t) => ({
        text: line.slice(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        scopes: t.scopes,
      })),
    });
    state = result.ruleStack;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Assertion helpers

/** TextMate selector semantics for one scope: `a.b` matches `a.b` and `a.b.c`, not `a.bc`. */
function hasScope(scopes: readonly string[], selector: string): boolean {
  return scopes.some((s) => s === selector || s.startsWith(selector + '.'));
}

/** The scopes of every character of the line. */
function charScopes(line: Line): string[][] {
  const out: string[][] = [];
  for (const t of line.tokens) for (let i = t.start; i < t.end; i++) out[i] = t.scopes;
  return out;
}

/** The maximal runs of text whose characters carry `selector`. */
function spans(line: Line, selector: string): string[] {
  const per = charScopes(line);
  const out: string[] = [];
  let run = '';
  for (let i = 0; i < line.text.length; i++) {
    if (per[i] && hasScope(per[i], selector)) run += line.text[i];
    else if (run) {
      out.push(run);
      run = '';
    }
  }
  if (run) out.push(run);
  return out;
}

/** Scopes contributed by the injection (they all end in `.minutes`). */
function minutesScopes(line: Line): string[] {
  const all = new Set<string>();
  for (const t of line.tokens) for (const s of t.scopes) if (s.endsWith('.minutes')) all.add(s);
  return [...all];
}

/** Asserts that every character of `needle` (first occurrence in the line) carries `selector`. */
function assertAllCharsHave(line: Line, needle: string, selector: string): void {
  const at = line.text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in line ${JSON.stringify(line.text)}`);
  const per = charScopes(line);
  for (let i = at; i < at + needle.length; i++) {
    assert.ok(
      hasScope(per[i] ?? [], selector),
      `char ${i} (${JSON.stringify(line.text[i])}) of ${JSON.stringify(line.text)} lacks ${selector}: ${JSON.stringify(per[i])}`,
    );
  }
}

function findLine(lines: Line[], predicate: (text: string) => boolean, what: string): Line {
  const line = lines.find((l) => predicate(l.text));
  assert.ok(line, `no line ${what}`);
  return line;
}

function lineStarting(lines: Line[], prefix: string): Line {
  return findLine(lines, (t) => t.startsWith(prefix), `starting with ${JSON.stringify(prefix)}`);
}

// Scope names (see the grammar's "comment" for why these).
const HANDLE = 'entity.name.tag.handle.minutes';
const OWNER = 'entity.name.tag.handle.owner.minutes';
const ANY_HANDLE = 'entity.name.tag.handle';
const AI = 'keyword.control.action-item.minutes';
const BOX_OPEN = 'keyword.control.action-item.checkbox.open.minutes';
const BOX_DONE = 'keyword.control.action-item.checkbox.done.minutes';
const DATE = 'constant.numeric.date.minutes';
const WEEK = 'constant.numeric.date.week.minutes';
const WAITING = 'comment.other.waiting.minutes';
const WAITING_TEXT = 'markup.italic.waiting.minutes';
const LABEL = 'support.type.property-name.label.minutes';
const LABEL_COLON = 'punctuation.separator.key-value.minutes';

// ---------------------------------------------------------------------------------------------
// Invented sample text (not taken from any real minutes)

const FENCE = '```';
const INVENTED = [
  '# Weekly sync 2031-02-13',
  '',
  '### Team Lighthouse',
  '',
  'Minutes: <https://github.com/example-org/minutes/blob/main/lighthouse/20310212.md> (not merged yet)',
  '',
  '- Participants: @nadia-q, @b0b and @ops-3 (lead/deputy: @nadia-q/b0b)',
  '- Next review in 2031-W07 (2031-W07-4), decision due 2031-02-20.',
  '- _AI @nadia-q: send the draft to the list_',
  '- AI @b0b: book the room for the retro',
  '- Rollout blocked on upstream (AI: @nadia-q/@b0b)',
  '- AI _@b0b: ask the vendor_ and AI(nadia): file the ticket',
  '- **AI** nobody assigned yet',
  '- [ ] @nadia-q renew the test certificates',
  '- [x] @b0b rotate the CI tokens',
  '- [ ] collect feedback from the pilot users',
  '- Patch is waiting to be merged upstream',
  '- Link: [release notes](https://example.com/notes/2031-02-06/@nadia-q)',
  '- Bare: https://example.com/archive/2031-02-06/@nadia-q/x',
  '- Contact nadia@example.org or <b0b@example.net>',
  '- Inline code: `@nadia-q 2031-02-13 AI @b0b:` stays code',
  '- Not handles: @-dash, @dash-, @two--dashes, @example.org, user@host',
  '- Not a marker: AI models were discussed; SAID: no; the file 2031-02-13.md; version 1.2031-02-13',
  '- See [@nadia-q on GitHub](https://github.com/nadia-q) and [2031-02-13 notes][notes]',
  '',
  FENCE + 'text',
  '@nadia-q owes 2031-02-13 and AI @b0b: nothing (waiting to be merged)',
  'Minutes: <https://example.com/x/2031-02-13.md>',
  FENCE,
  '',
  FENCE,
  '- [ ] @nadia-q 2031-W07',
  FENCE,
  '',
  '    indented @nadia-q 2031-02-13 code',
  '',
  '| Owner | Due |',
  '|-------|-----|',
  '| @nadia-q | 2031-02-20 |',
  '',
  '> Minutes are late; ask @b0b by 2031-02-27',
  '',
  'Plain paragraph mentioning @nadia-q and **bold @b0b** text.',
  '',
].join('\n');

// ---------------------------------------------------------------------------------------------

for (const base of BASES) {
  describe(`minutes injection grammar (base Markdown grammar: ${base.label})`, function () {
    this.timeout(60_000);
    let grammar: vsctm.IGrammar;
    let plain: vsctm.IGrammar;
    let doc: Line[];

    before(async () => {
      grammar = await loadMarkdown(base.file, true);
      plain = await loadMarkdown(base.file, false);
      doc = tokenize(grammar, INVENTED);
    });

    it('is a well-formed injection grammar', () => {
      const raw = JSON.parse(fs.readFileSync(INJECTION_PATH, 'utf8'));
      assert.equal(raw.scopeName, INJECTION_SCOPE);
      assert.match(raw.injectionSelector, /^L:text\.html\.markdown /);
      for (const excluded of ['-markup.fenced_code', '-markup.inline.raw', '-markup.raw', '-markup.underline.link']) {
        assert.ok(raw.injectionSelector.includes(excluded), `selector should exclude ${excluded}`);
      }
      assert.equal(typeof raw.comment, 'string');
    });

    it('is contributed in package.json with injectTo markdown', function () {
      const pkg = JSON.parse(fs.readFileSync(nodePath.join(ROOT, 'package.json'), 'utf8'));
      const entries: Array<{ scopeName?: string; path?: string; injectTo?: string[] }> = pkg.contributes?.grammars ?? [];
      const entry = entries.find((g) => g.scopeName === INJECTION_SCOPE);
      assert.ok(entry, 'package.json contributes this grammar');
      assert.equal(nodePath.normalize(entry.path ?? ''), nodePath.normalize('syntaxes/minutes.injection.tmLanguage.json'));
      assert.deepEqual(entry.injectTo, [MARKDOWN_SCOPE]);
    });

    describe('handles', () => {
      it('scopes GitHub handles, including @a/@b lists', () => {
        const line = lineStarting(doc, '- Participants:');
        assert.deepEqual(spans(line, HANDLE), ['@nadia-q', '@b0b', '@ops-3', '@nadia-q']);
        assertAllCharsHave(line, '@nadia-q', 'meta.paragraph.markdown');
        const both = lineStarting(doc, '- Rollout blocked');
        assert.deepEqual(spans(both, OWNER), ['@nadia-q']);
        assert.deepEqual(spans(both, HANDLE), ['@b0b']);
      });

      it('marks the "@" as punctuation of the handle', () => {
        const line = lineStarting(doc, '- Participants:');
        assert.deepEqual(spans(line, 'punctuation.definition.handle.minutes'), ['@', '@', '@', '@']);
      });

      it('leaves e-mail addresses, URL paths, domains and invalid handles alone', () => {
        const mail = lineStarting(doc, '- Contact');
        assert.deepEqual(minutesScopes(mail), []);
        assertAllCharsHave(mail, 'b0b@example.net', 'markup.underline.link.markdown');
        const invalid = lineStarting(doc, '- Not handles:');
        assert.deepEqual(minutesScopes(invalid), []);
        const bare = lineStarting(doc, '- Bare:');
        assert.deepEqual(minutesScopes(bare), []);
      });

      it('works inside emphasis, paragraphs, tables and block quotes', () => {
        const para = lineStarting(doc, 'Plain paragraph');
        assert.deepEqual(spans(para, HANDLE), ['@nadia-q', '@b0b']);
        assertAllCharsHave(para, '@b0b', 'markup.bold.markdown');
        const table = lineStarting(doc, '| @nadia-q');
        assert.deepEqual(spans(table, HANDLE), ['@nadia-q']);
        assert.deepEqual(spans(table, DATE), ['2031-02-20']);
        const quote = lineStarting(doc, '> Minutes are late');
        assert.deepEqual(spans(quote, HANDLE), ['@b0b']);
        assert.deepEqual(spans(quote, DATE), ['2031-02-27']);
        assertAllCharsHave(quote, '@b0b', 'markup.quote.markdown');
        assert.deepEqual(spans(quote, LABEL), [], '"Minutes" after "> " is not a line-start label');
      });
    });

    describe('action items', () => {
      it('_AI @owner: text_ (italic form)', () => {
        const line = lineStarting(doc, '- _AI @nadia-q');
        assert.deepEqual(spans(line, AI), ['AI']);
        assert.deepEqual(spans(line, OWNER), ['@nadia-q']);
        assert.deepEqual(spans(line, 'punctuation.separator.action-item.minutes'), [':']);
        assertAllCharsHave(line, 'AI @nadia-q: send the draft', 'markup.italic.markdown');
        assertAllCharsHave(line, '- ', 'markup.list.unnumbered.markdown');
      });

      it('AI @owner: and AI: @owner and (AI @owner)', () => {
        const plainAi = lineStarting(doc, '- AI @b0b:');
        assert.deepEqual(spans(plainAi, AI), ['AI']);
        assert.deepEqual(spans(plainAi, OWNER), ['@b0b']);
        const colonFirst = lineStarting(doc, '- Rollout blocked');
        assert.deepEqual(spans(colonFirst, AI), ['AI']);
        assert.deepEqual(spans(colonFirst, OWNER), ['@nadia-q']);
      });

      it('AI _@owner: text_ and AI(name): with the emphasis kept', () => {
        const line = lineStarting(doc, '- AI _@b0b');
        assert.deepEqual(spans(line, AI), ['AI', 'AI']);
        assert.deepEqual(spans(line, HANDLE), ['@b0b']);
        assertAllCharsHave(line, '@b0b: ask the vendor', 'markup.italic.markdown');
      });

      it('**AI** keeps its bold scope', () => {
        const line = lineStarting(doc, '- **AI**');
        assert.deepEqual(spans(line, AI), ['AI']);
        assertAllCharsHave(line, '**AI**', 'markup.bold.markdown');
        assert.deepEqual(spans(line, ANY_HANDLE), []);
      });

      it('task checkboxes - [ ] @owner and - [x] @owner', () => {
        const open = lineStarting(doc, '- [ ] @nadia-q');
        assert.deepEqual(spans(open, BOX_OPEN), ['[ ]']);
        assert.deepEqual(spans(open, OWNER), ['@nadia-q']);
        assertAllCharsHave(open, '-', 'punctuation.definition.list.begin.markdown');
        assertAllCharsHave(open, '[ ] @nadia-q renew', 'markup.list.unnumbered.markdown');
        const done = lineStarting(doc, '- [x] @b0b');
        assert.deepEqual(spans(done, BOX_DONE), ['[x]']);
        assert.deepEqual(spans(done, OWNER), ['@b0b']);
        const ownerless = lineStarting(doc, '- [ ] collect');
        assert.deepEqual(spans(ownerless, BOX_OPEN), ['[ ]']);
        assert.deepEqual(spans(ownerless, ANY_HANDLE), []);
      });

      it('does not fire on the word AI in running text', () => {
        const line = lineStarting(doc, '- Not a marker:');
        assert.deepEqual(minutesScopes(line), []);
      });
    });

    describe('dates and weeks', () => {
      it('scopes ISO dates and ISO weeks', () => {
        const line = lineStarting(doc, '- Next review');
        assert.deepEqual(spans(line, WEEK), ['2031-W07', '2031-W07-4']);
        assert.deepEqual(spans(line, DATE), ['2031-02-20']);
        assert.deepEqual(spans(line, 'constant.numeric.date'), ['2031-W07', '2031-W07-4', '2031-02-20']);
      });

      it('scopes a date in a heading without dropping the heading scopes', () => {
        const title = lineStarting(doc, '# Weekly sync');
        assert.deepEqual(spans(title, DATE), ['2031-02-13']);
        assertAllCharsHave(title, '# Weekly sync 2031-02-13', 'markup.heading.markdown');
        assertAllCharsHave(title, 'Weekly sync 2031-02-13', 'entity.name.section.markdown');
      });
    });

    describe('weekly file: Minutes label and waiting note', () => {
      it('scopes "Minutes:" at the start of a line and keeps the autolink', () => {
        const line = lineStarting(doc, 'Minutes: <https://github.com/example-org/minutes/blob/main/lighthouse');
        assert.deepEqual(spans(line, LABEL), ['Minutes']);
        assert.deepEqual(spans(line, LABEL_COLON), [':']);
        assertAllCharsHave(line, 'https://github.com/example-org/minutes/blob/main/lighthouse/20310212.md', 'markup.underline.link.markdown');
        assertAllCharsHave(line, 'Minutes: <https://', 'meta.paragraph.markdown');
        assert.deepEqual(spans(line, WAITING), ['(not merged yet)']);
        assert.deepEqual(spans(line, WAITING_TEXT), ['not merged yet']);
      });

      it('scopes the bare phrase "waiting to be merged"', () => {
        const line = lineStarting(doc, '- Patch is waiting');
        assert.deepEqual(spans(line, WAITING), ['waiting to be merged']);
      });

      it('handles the weekly fixture file (Minutes: <…> (waiting to be merged))', () => {
        const text = fs.readFileSync(nodePath.join(FIXTURE, 'community-call/20261119.md'), 'utf8');
        const lines = tokenize(grammar, text);
        const waiting = findLine(lines, (t) => t.startsWith('Minutes: <') && t.endsWith('(waiting to be merged)'), 'with a waiting note');
        assert.deepEqual(spans(waiting, LABEL), ['Minutes']);
        assert.deepEqual(spans(waiting, WAITING), ['(waiting to be merged)']);
        assert.deepEqual(spans(waiting, 'punctuation.definition.waiting.begin.minutes'), ['(']);
        assertAllCharsHave(waiting, 'https://github.com/example-org/minutes/blob/main/', 'markup.underline.link.markdown');
        assert.equal(spans(waiting, DATE).length, 0, 'no date scope inside the URL');
        const title = lineStarting(lines, '# ');
        assert.deepEqual(spans(title, DATE), ['2026-11-19']);
        const team = lineStarting(lines, '### Team');
        assert.deepEqual(minutesScopes(team), []);
        assertAllCharsHave(team, team.text, 'markup.heading.markdown');
        const meta = findLine(lines, (t) => /^- Minutes: @/.test(t), 'naming the minute taker');
        assert.deepEqual(spans(meta, LABEL), [], '"- Minutes:" in a list is not the section label');
        assert.equal(spans(meta, HANDLE).length, 1);
      });

      it('handles team fixture files (participants, _AI_ items, tasks)', () => {
        const text = fs.readFileSync(nodePath.join(FIXTURE, 'ops/20261112.md'), 'utf8');
        const lines = tokenize(grammar, text);
        const participant = findLine(lines, (t) => /^- @[a-z-]+$/.test(t), 'with a participant');
        assert.deepEqual(spans(participant, HANDLE), [participant.text.slice(2)]);
        assertAllCharsHave(participant, participant.text.slice(2), 'meta.paragraph.markdown');
        const ai = findLine(lines, (t) => t.startsWith('- _AI @'), 'with an _AI_ item');
        assert.deepEqual(spans(ai, AI), ['AI']);
        assert.equal(spans(ai, OWNER).length, 1);
        assertAllCharsHave(ai, 'AI', 'markup.italic.markdown');
        const tasks = tokenize(grammar, fs.readFileSync(nodePath.join(FIXTURE, 'container/20261102.md'), 'utf8'));
        const open = findLine(tasks, (t) => t.startsWith('- [ ] @'), 'with an open task');
        assert.deepEqual(spans(open, BOX_OPEN), ['[ ]']);
        assert.deepEqual(spans(open, OWNER), [open.text.split(' ')[3]]);
        const done = findLine(tasks, (t) => t.startsWith('- [x] @'), 'with a done task');
        assert.deepEqual(spans(done, BOX_DONE), ['[x]']);
        assert.deepEqual(spans(done, OWNER), [done.text.split(' ')[2]]);
      });

      it('handles ISO weeks and dates in the fixture README', () => {
        const lines = tokenize(grammar, fs.readFileSync(nodePath.join(FIXTURE, 'README.md'), 'utf8'));
        const line = findLine(lines, (t) => t.includes('2026-W44'), 'with a week');
        assert.ok(spans(line, WEEK).includes('2026-W44'));
        assert.ok(spans(line, DATE).includes('2026-10-26'));
      });
    });

    describe('plain Markdown stays plain', () => {
      it('fenced code blocks (with and without a language) are untouched', () => {
        for (const prefix of ['@nadia-q owes', 'Minutes: <https://example.com/x', '- [ ] @nadia-q 2031-W07']) {
          const line = lineStarting(doc, prefix);
          assert.deepEqual(minutesScopes(line), [], `in code: ${line.text}`);
          assertAllCharsHave(line, line.text, 'markup.fenced_code.block.markdown');
        }
      });

      it('indented code blocks are untouched', () => {
        const line = lineStarting(doc, '    indented');
        assert.deepEqual(minutesScopes(line), []);
        assertAllCharsHave(line, 'indented @nadia-q 2031-02-13 code', 'markup.raw.block.markdown');
      });

      it('inline code is untouched', () => {
        const line = lineStarting(doc, '- Inline code:');
        assert.deepEqual(minutesScopes(line), []);
        assertAllCharsHave(line, '@nadia-q 2031-02-13 AI @b0b:', 'markup.inline.raw.string.markdown');
      });

      it('a link whose URL contains a date and a handle keeps its link scopes', () => {
        const line = lineStarting(doc, '- Link:');
        assert.deepEqual(minutesScopes(line), []);
        assertAllCharsHave(line, 'https://example.com/notes/2031-02-06/@nadia-q', 'markup.underline.link.markdown');
        assertAllCharsHave(line, 'release notes', 'string.other.link.title.markdown');
      });

      it('link texts keep their link scope when they contain a handle or a date', () => {
        const line = lineStarting(doc, '- See [@nadia-q');
        assertAllCharsHave(line, '@nadia-q on GitHub', 'string.other.link.title.markdown');
        assert.ok(spans(line, HANDLE).includes('@nadia-q'));
        assertAllCharsHave(line, 'https://github.com/nadia-q', 'markup.underline.link.markdown');
      });

      it('a heading without minutes constructs gets exactly the Markdown tokens', () => {
        const withInjection = lineStarting(doc, '### Team Lighthouse');
        const without = lineStarting(tokenize(plain, INVENTED), '### Team Lighthouse');
        assert.deepEqual(withInjection.tokens, without.tokens);
        assertAllCharsHave(withInjection, 'Team Lighthouse', 'entity.name.section.markdown');
      });

      it('only adds scopes: every character keeps the Markdown scopes it has without the injection', () => {
        const docs: Array<[string, string]> = [['invented sample', INVENTED]];
        for (const rel of ['community-call/20261119.md', 'community-call/20261105.md', 'ops/20261112.md', 'README.md']) {
          docs.push([rel, fs.readFileSync(nodePath.join(FIXTURE, rel), 'utf8')]);
        }
        for (const [name, text] of docs) assertOnlyAdds(grammar, plain, name, text);
      });

      it('only adds scopes on the real minutes corpus too (when present; read at run time, never copied)', function () {
        if (!fs.existsSync(CORPUS)) this.skip();
        const files = listMarkdown(CORPUS).sort();
        // A spread-out sample keeps the run short; set MINUTES_GRAMMAR_FULL_CORPUS=1 for all files.
        const step = process.env.MINUTES_GRAMMAR_FULL_CORPUS ? 1 : Math.max(1, Math.floor(files.length / 120));
        let checked = 0;
        for (let i = 0; i < files.length; i += step) {
          assertOnlyAdds(grammar, plain, nodePath.relative(CORPUS, files[i]), fs.readFileSync(files[i], 'utf8'));
          checked++;
        }
        assert.ok(checked > 0);
      });
    });
  });
}

/**
 * Compares, character by character, the non-`.minutes` scopes with and without the injection.
 * The one intended difference: a task checkbox `[x]` that Markdown reads as a reference-link
 * shortcut becomes an action-item checkbox.
 */
function assertOnlyAdds(withInjection: vsctm.IGrammar, plainGrammar: vsctm.IGrammar, name: string, text: string): void {
  const a = tokenize(withInjection, text);
  const b = tokenize(plainGrammar, text);
  assert.equal(a.length, b.length);
  for (let n = 0; n < a.length; n++) {
    const pa = charScopes(a[n]);
    const pb = charScopes(b[n]);
    for (let i = 0; i < a[n].text.length; i++) {
      const sa = pa[i] ?? [];
      if (hasScope(sa, 'keyword.control.action-item.checkbox')) continue;
      const host = sa.filter((s) => !s.endsWith('.minutes'));
      assert.deepEqual(
        host,
        pb[i] ?? [],
        `${name}:${n + 1}:${i + 1} Markdown scopes changed by the injection in ${JSON.stringify(a[n].text)}`,
      );
    }
  }
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = nodePath.join(dir, d.name);
    if (d.isDirectory() && !d.name.startsWith('.')) out.push(...listMarkdown(full));
    else if (d.isFile() && d.name.endsWith('.md')) out.push(full);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Colours: with VS Code's own theme files (present with the code-server install), every construct
// must get a colour different from the surrounding paragraph text.

const THEMES: Array<{ label: string; file: string }> = [
  { label: 'Dark Modern', file: 'theme-defaults/themes/dark_modern.json' },
  { label: 'Dark+', file: 'theme-defaults/themes/dark_plus.json' },
  { label: 'Light Modern', file: 'theme-defaults/themes/light_modern.json' },
  { label: 'Light+', file: 'theme-defaults/themes/light_plus.json' },
  { label: 'Monokai', file: 'theme-monokai/themes/monokai-color-theme.json' },
];

/** JSON with comments and trailing commas (VS Code theme files) → value. */
function parseJsonc(text: string): any {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function loadVsCodeTheme(file: string): vsctm.IRawTheme {
  const settings: vsctm.IRawTheme['settings'][number][] = [];
  let foreground: string | undefined;
  const visit = (path: string) => {
    const json = parseJsonc(fs.readFileSync(path, 'utf8'));
    if (json.include) visit(nodePath.join(nodePath.dirname(path), json.include));
    foreground = json.colors?.['editor.foreground'] ?? foreground;
    for (const rule of json.tokenColors ?? []) settings.push(rule);
  };
  visit(nodePath.join(VSCODE_EXTENSIONS, file));
  return { settings: [{ settings: { foreground: foreground ?? '#808080', background: '#000000' } }, ...settings] };
}

describe('minutes injection grammar: theme colours (VS Code theme files)', function () {
  this.timeout(60_000);
  before(function () {
    if (!fs.existsSync(REAL_MARKDOWN) || !fs.existsSync(nodePath.join(VSCODE_EXTENSIONS, THEMES[0].file))) this.skip();
  });

  for (const theme of THEMES) {
    it(`${theme.label} colours handles, owners, AI, checkboxes, dates, weeks, the label and the waiting note`, async () => {
      const registry = makeRegistry(REAL_MARKDOWN, true, loadVsCodeTheme(theme.file));
      const grammar = await registry.loadGrammar(MARKDOWN_SCOPE);
      assert.ok(grammar);
      const colors = registry.getColorMap();
      const sample = [
        'Minutes: <https://example.com/x.md> (waiting to be merged)',
        '',
        '- Plain text with @nadia-q on 2031-02-13 in 2031-W07',
        '- AI @b0b: do it',
        '- [ ] @b0b do it',
      ];
      let state = vsctm.INITIAL;
      const fg: number[][] = [];
      for (const line of sample) {
        const r = grammar.tokenizeLine2(line, state);
        const perChar: number[] = [];
        for (let k = 0; k < r.tokens.length; k += 2) {
          const start = r.tokens[k];
          const end = k + 2 < r.tokens.length ? r.tokens[k + 2] : line.length;
          const foreground = (r.tokens[k + 1] & 0x00ff8000) >>> 15;
          for (let i = start; i < end; i++) perChar[i] = foreground;
        }
        fg.push(perChar);
        state = r.ruleStack;
      }
      const colorOf = (row: number, needle: string) => colors[fg[row][sample[row].indexOf(needle)]];
      const text = colorOf(2, 'Plain');
      const checks: Array<[string, number, string]> = [
        ['label', 0, 'Minutes'],
        ['waiting note', 0, 'waiting'],
        ['handle', 2, '@nadia-q'],
        ['date', 2, '2031-02-13'],
        ['week', 2, '2031-W07'],
        ['AI marker', 3, 'AI'],
        ['owner', 3, '@b0b'],
        ['checkbox', 4, '[ ]'],
      ];
      for (const [what, row, needle] of checks) {
        assert.notEqual(colorOf(row, needle)?.toLowerCase(), text?.toLowerCase(), `${theme.label}: ${what} has the plain text colour ${text}`);
      }
    });
  }
});
