// Property-based robustness tests (fast-check): for any text, parsing and every rule never throw,
// take time roughly linear in the input, report ranges inside the document, and offer fixes that
// remove what they fix (safe ones idempotently); and the incrementally updated index always equals
// one built from scratch. A fixed seed by default; FUZZ_RUNS and FUZZ_SEED override it
// (`npm run fuzz` runs many more cases with a fresh seed and prints it for replay).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMinutes } from '../../src/core/parse';
import { markdownEvents as parseTree } from '../../src/core/markdown';
import { MinutesIndex } from '../../src/core/index';
import { buildIndex } from '../../src/core/build';
import { checkAll, checkFile } from '../../src/core/check';
import { applyEdits, safeEdits, safeFix } from '../../src/core/fix';
import { decodeUtf8, LineIndex, stripBom, type Position, type Range } from '../../src/core/text';
import { isMarkdownPath } from '../../src/core/paths';
import { MemoryWorkspace } from './memoryWorkspace';
import type { MinutesDiagnostic, TextEdit } from '../../src/core/diagnostics';
import { defaultBranch } from '../../src/core/github';
import { conventionsOf } from '../../src/core/conventions';
import { fixtureWorkspace, snapshot } from './helpers';
import { GH, anyDoc, baseRepository, fixtureMarkdown, fuzzParameters, markdownDoc, mutatedFixture, rawText, scaledRuns, slot } from './arbitraries';

const DEFAULT_RUNS = 40;
const { numRuns, seed } = fuzzParameters(DEFAULT_RUNS);
/** fast-check's parameters for a property; expensive ones run a share of the count. */
const params = (runs = numRuns): fc.Parameters<unknown> => ({ seed, numRuns: runs, endOnFailure: process.env.FUZZ_SHRINK === '0' });

// ---- a small repository around one document ------------------------------------------

/** The base repository with `text` at `path`, indexed the way buildIndex does it (all paths first, then files in order). */
function indexWith(path: string, text: string): { index: MinutesIndex; texts: Map<string, string> } {
  const files: Record<string, string> = { ...baseRepository(), [path]: text };
  const index = new MinutesIndex();
  const texts = new Map<string, string>();
  const paths = Object.keys(files).sort();
  for (const p of paths) index.addPath(p);
  for (const p of paths) {
    if (!isMarkdownPath(p)) continue;
    index.update(p, files[p]);
    texts.set(p, stripBom(files[p]));
  }
  return { index, texts };
}

// ---- ranges -------------------------------------------------------------------------

const notAfter = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function assertPosition(lines: LineIndex, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: not integers ${JSON.stringify(p)}`);
  assert.ok(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} outside 0..${lines.lineCount - 1}`);
  const length = lines.lineText(p.line).length;
  assert.ok(p.character >= 0 && p.character <= length, `${what}: character ${p.character} outside 0..${length} on line ${p.line}`);
}

function assertRange(lines: LineIndex, r: Range, what: string): void {
  assertPosition(lines, r.start, `${what} start`);
  assertPosition(lines, r.end, `${what} end`);
  assert.ok(notAfter(r.start, r.end), `${what}: starts after it ends ${JSON.stringify(r)}`);
}

/**
 * Known bugs, tolerated by the properties so that they keep finding new ones; each has an
 * `it.skip` reproduction (at the end of this file, or in fixSafety.test.ts for the title). Set one
 * to false once it is fixed (and un-skip its test).
 */
const KNOWN_BUGS = {
  // Fixed: insertions after a heading on the file's last line (no line break after it) now append at
  // the document's end.
  insertionPastEnd: false,
  // Fixed: rangeInHeading took the heading's start column twice for indented titles.
  indentedTitleRange: false,
  // Fixed: missing-section's fix appended the section inside a fenced code block or `<!--` that the
  // file leaves open at its end; it closes them first now.
  missingSectionInsideBlock: false,
  // BUG: weekly-team-link's "remove the remark" fix removes the first "(waiting to be merged)" of
  // the line only; with two on one line the finding stays (a second pass removes the other).
  repeatedWaitingRemark: true,
};

/** A fix a known bug keeps from removing its finding. */
function toleratedFix(text: string, d: MinutesDiagnostic): boolean {
  if (KNOWN_BUGS.repeatedWaitingRemark && d.rule === 'weekly-team-link' && d.data?.reason === 'merged') {
    const line = new LineIndex(text).lineText(d.range.start.line);
    return (line.match(/waiting to be merged|not (?:yet )?merged|pending merge/gi) ?? []).length > 1;
  }
  return false;
}

/** An edit range a known bug (or a convention) puts outside its document. */
function tolerated(lines: LineIndex, d: MinutesDiagnostic, r: Range): boolean {
  if ((d.rule !== 'missing-section' && d.rule !== 'weekly-team-link') || r.end.line !== r.start.line || r.end.character !== r.start.character) return false;
  // Not a bug but a convention of the rule: `character: Number.MAX_SAFE_INTEGER` means "the end of
  // the line" (applyEdits and VS Code clamp it); the edit is an insertion on an existing line.
  if (d.rule === 'missing-section' && r.start.character === Number.MAX_SAFE_INTEGER && r.start.line < lines.lineCount) return true;
  return KNOWN_BUGS.insertionPastEnd && r.start.line === lines.lineCount && r.start.character === 0;
}

/** A finding a known bug makes wrong, left out of the checks until the bug is fixed. */
function toleratedFinding(index: MinutesIndex, d: MinutesDiagnostic): boolean {
  if (!KNOWN_BUGS.indentedTitleRange || d.rule !== 'title-date') return false;
  const headings = index.get(d.path)?.doc.headings ?? [];
  return headings.some((h) => h.range.start.line === d.range.start.line && h.range.start.character > 0);
}

/** Every finding's range and every fix's edit range lies inside the text of the file it is in. */
function assertRangesInside(index: MinutesIndex, diagnostics: readonly MinutesDiagnostic[], texts: ReadonlyMap<string, string>): void {
  const cache = new Map<string, LineIndex>();
  for (const d of diagnostics) {
    const text = texts.get(d.path);
    assert.ok(text !== undefined, `a finding in a file that is not there: ${d.path}`);
    let lines = cache.get(d.path);
    if (!lines) cache.set(d.path, (lines = new LineIndex(text)));
    const what = `${d.path} ${d.rule} "${d.message}"`;
    if (toleratedFinding(index, d)) continue;
    assertRange(lines, d.range, what);
    for (const fix of d.fixes ?? []) {
      for (const e of fix.edits ?? []) if (!tolerated(lines, d, e.range)) assertRange(lines, e.range, `${what}, fix "${fix.title}"`);
      if (fix.download) assertRange(lines, fix.download.range, `${what}, download`);
    }
  }
}

// ---- fixes ----------------------------------------------------------------------------

/** Where an offset of the old text lands after the edits (an offset inside a replaced span lands at its start). */
function mapOffset(text: string, edits: readonly TextEdit[], offset: number): number {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), length: e.newText.length })).sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const s of spans) {
    // An insertion at the offset pushes what stood there after it.
    if (s.end <= offset) shift += s.length - (s.end - s.start);
    else if (s.start < offset) return s.start + shift;
  }
  return offset + shift;
}

const key = (d: MinutesDiagnostic) => `${d.rule}\u0000${d.message}`;

/**
 * The finding is gone after its fix: no finding of the same rule and message starts where it
 * started (mapped through the edits), or fewer findings of that rule carry that message.
 */
function assertGone(finding: MinutesDiagnostic, oldText: string, beforeFix: readonly MinutesDiagnostic[], edits: readonly TextEdit[], newText: string, after: readonly MinutesDiagnostic[], what: string): void {
  const count = (all: readonly MinutesDiagnostic[]) => all.filter((d) => key(d) === key(finding)).length;
  if (count(after) < count(beforeFix)) return;
  const oldLines = new LineIndex(oldText);
  const newLines = new LineIndex(newText);
  const at = newLines.positionAt(mapOffset(oldText, edits, oldLines.offsetAt(finding.range.start)));
  const still = after.find((d) => key(d) === key(finding) && d.range.start.line === at.line && d.range.start.character === at.character);
  if (still) {
    assert.fail(`${what}: the finding is still there after its fix.\nfinding: ${finding.rule} "${finding.message}" at ${JSON.stringify(finding.range)}\nedits: ${JSON.stringify(edits)}\n--- before ---\n${JSON.stringify(oldText)}\n--- after ---\n${JSON.stringify(newText)}`);
  }
}

function diagnosticsOf(path: string, text: string): { diagnostics: MinutesDiagnostic[]; text: string; index: MinutesIndex } {
  const { index } = indexWith(path, text);
  return { diagnostics: checkFile(index, path), text: stripBom(text), index };
}

/** Every offered fix with edits removes its finding; applying the safe fixes converges and never re-fixes a fixed finding. */
function checkFixes(path: string, input: string): void {
  const { diagnostics, text, index } = diagnosticsOf(path, input);
  if (diagnostics.some((d) => toleratedFinding(index, d))) return;
  for (const d of diagnostics) {
    for (const fix of d.fixes ?? []) {
      if (!fix.edits?.length) continue;
      if (toleratedFix(text, d)) continue;
      const fixed = applyEdits(text, fix.edits);
      const { diagnostics: after, index: afterIndex } = diagnosticsOf(path, fixed);
      if (KNOWN_BUGS.missingSectionInsideBlock && d.rule === 'missing-section') {
        const inserted = /^#{1,6}[ \t].*$/m.exec(fix.edits.map((e) => e.newText).join(''))?.[0].trim();
        if (inserted && !afterIndex.get(path)?.doc.headings.some((h) => h.source.trim() === inserted)) continue;
      }
      assertGone(d, text, diagnostics, fix.edits, fixed, after, `fix "${fix.title}" of ${d.rule}`);
    }
  }
  // Safe fixes, as `--fix` and "Fix all" apply them.
  let current = text;
  let currentDiagnostics = diagnostics;
  for (let pass = 0; ; pass++) {
    const edits = safeEdits(currentDiagnostics);
    if (edits.length === 0) break;
    assert.ok(pass < 8, `safe fixes do not converge after 8 passes:\n${JSON.stringify(current)}\nedits: ${JSON.stringify(edits)}`);
    const chosen = currentDiagnostics.filter((d) => safeFix(d)?.edits?.every((e) => edits.includes(e)));
    const next = applyEdits(current, edits);
    const nextDiags = diagnosticsOf(path, next).diagnostics;
    for (const d of chosen) if (!toleratedFix(current, d)) assertGone(d, current, currentDiagnostics, edits, next, nextDiags, `safe fix (pass ${pass + 1}) of ${d.rule}`);
    current = next;
    currentDiagnostics = nextDiags;
  }
}

// ---- properties ---------------------------------------------------------------------------

describe('fuzz: any text', function () {
  this.timeout(600_000);

  before(() => {
    // eslint-disable-next-line no-console
    if (process.env.FUZZ_SEED || process.env.FUZZ_RUNS) console.log(`      fuzz: seed ${seed}, ${numRuns} runs`);
  });

  const noThrowAndInside = (path: string, text: string) => {
    parseMinutes(text);
    const { index, texts } = indexWith(path, text);
    const diagnostics = checkAll(index);
    assertRangesInside(index, diagnostics, texts);
  };

  it('Markdown-ish minutes: parsing and every rule never throw; every range lies inside its document', () => {
    fc.assert(fc.property(anyDoc, slot, (text, path) => noThrowAndInside(path, text)), params());
  });

  it('raw text (any code point, lone surrogates, NUL, CR/LF/CRLF mixes): never throws; ranges inside', () => {
    fc.assert(fc.property(rawText, slot, (text, path) => noThrowAndInside(path, text)), params());
  });

  it('byte-level mutations of the sample minutes: never throw; ranges inside; the index recovers when the file is restored', async () => {
    const ws = fixtureWorkspace();
    const { index } = await buildIndex(ws);
    const original = new Map(fixtureMarkdown().map(([p, b]) => [p, decodeUtf8(b).text]));
    const baseline = JSON.stringify(checkAll(index));
    const texts = new Map(original);
    fc.assert(
      fc.property(mutatedFixture, ({ path, bytes }) => {
        const decoded = decodeUtf8(bytes);
        try {
          index.update(path, decoded.text);
          texts.set(path, decoded.text);
          assertRangesInside(index, checkAll(index), texts);
        } finally {
          index.update(path, original.get(path)!);
          texts.set(path, original.get(path)!);
        }
      }),
      params(scaledRuns(15, 0.3, 15)),
    );
    assert.equal(JSON.stringify(checkAll(index)), baseline, 'after restoring every mutated file, the findings are those of the sample repository');
  });

  it('mutated bytes through buildIndex: never throws; binary content is skipped, invalid UTF-8 noted', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFixture, slot, async ({ bytes }, path) => {
        const files: Record<string, string | Uint8Array> = { ...baseRepository(), [path]: bytes };
        const result = await buildIndex(new MemoryWorkspace(files));
        const skipped = result.skipped.find((s) => s.path === path);
        // Like git, only the first 8000 bytes are looked at for NUL.
        if (bytes.subarray(0, 8000).includes(0)) assert.equal(skipped?.reason, 'binary content (NUL bytes), not a text file');
        else assert.equal(skipped, undefined, `skipped: ${skipped?.reason}`);
        const texts = new Map<string, string>();
        for (const [p, c] of Object.entries(files)) if (isMarkdownPath(p)) texts.set(p, typeof c === 'string' ? c : decodeUtf8(c).text);
        assertRangesInside(result.index, checkAll(result.index), texts);
      }),
      params(scaledRuns(10, 0.1, 10)),
    );
  });
});

describe('fuzz: fixes', function () {
  this.timeout(600_000);

  it('every offered fix removes its finding; safe fixes converge and are idempotent', () => {
    fc.assert(fc.property(anyDoc, slot, (text, path) => checkFixes(path, text)), params(scaledRuns(20, 0.2, 20)));
  });

  it('the same on the sample minutes with byte-level mutations', () => {
    fc.assert(
      fc.property(mutatedFixture, ({ bytes }) => checkFixes('iaas/20230426.md', decodeUtf8(bytes).text)),
      params(scaledRuns(8, 0.05, 8)),
    );
  });
});

describe('fuzz: time roughly linear in input size', function () {
  this.timeout(600_000);

  /** CPU milliseconds (this process; other processes on a busy machine do not count) to parse and check each text. */
  function cpu(index: MinutesIndex, path: string, texts: readonly string[]): number {
    const start = process.cpuUsage();
    for (const text of texts) {
      index.update(path, text);
      checkFile(index, path);
      index.delete(path);
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  }

  /**
   * The Markdown parser itself (micromark, a dependency) is quadratic on some inputs, e.g. a long
   * loose list of nested items (`- - - - x` paragraphs): not this project's code. Such a case is
   * told apart by timing the parser alone; it has its own skipped test in catalogue.test.ts.
   */
  function upstream(copies: readonly string[], eight: string): boolean {
    let separate = Infinity;
    let joined = Infinity;
    for (let round = 0; round < 2; round++) {
      let start = process.cpuUsage();
      for (const c of copies) parseTree(c);
      let used = process.cpuUsage(start);
      separate = Math.min(separate, (used.user + used.system) / 1000);
      start = process.cpuUsage();
      parseTree(eight);
      used = process.cpuUsage(start);
      joined = Math.min(joined, (used.user + used.system) / 1000);
    }
    const quadratic = joined > 3 * Math.max(separate, 5);
    // eslint-disable-next-line no-console
    if (quadratic) console.log(`      note: the Markdown parser alone is superlinear here (${separate.toFixed(0)} ms for 8 copies, ${joined.toFixed(0)} ms joined): ${JSON.stringify(eight.slice(0, 60))}…`);
    return quadratic;
  }

  it('one document of 8 copies costs at most 4 times what 8 separate copies cost (a quadratic step: 8 times)', () => {
    const { index } = indexWith('notes/other.md', '# other\n');
    const path = 'iaas/20230426.md';
    fc.assert(
      fc.property(markdownDoc, fc.constantFrom('\n\n', '\n', ' '), (doc, sep) => {
        let one = doc || '# x';
        // Big enough that timer resolution and constant costs do not dominate.
        while (one.length < 2500) one += sep + (doc || 'x');
        const copies = Array.from({ length: 8 }, () => one);
        const eight = copies.join(sep);
        cpu(index, path, [one]); // warm up
        let separate = Infinity;
        let joined = Infinity;
        // Interleaved, the least disturbed of three rounds each.
        for (let round = 0; round < 3; round++) {
          separate = Math.min(separate, cpu(index, path, copies));
          joined = Math.min(joined, cpu(index, path, [eight]));
        }
        const floor = Math.max(separate, 5);
        if (joined > 4 * floor && upstream(copies, eight)) return;
        assert.ok(joined <= 4 * floor, `8 separate copies: ${separate.toFixed(1)} ms CPU (${one.length} chars each), one of 8 copies: ${joined.toFixed(1)} ms: ratio ${(joined / separate).toFixed(1)}\n${JSON.stringify(doc.slice(0, 2000))} joined by ${JSON.stringify(sep)}`);
      }),
      params(scaledRuns(4, 0.005, 4)),
    );
  });
});

// ---- the incremental index ----------------------------------------------------------------

const POOL = [
  'iaas/20230419.md', 'iaas/20230426.md', 'iaas/2023-04-26.md', 'iaas/20230503.md', 'ops/20230427.md', 'ops/20230420.md',
  'community-call/20230420.md', 'community-call/20230427.md', 'container/20230424.md', 'notes.md', 'iaas/sub/20230426.md',
  'images/diagram.png', 'iaas/diagram.png', 'Iaas/20230426.md',
] as const;
const FOLDERS = ['iaas', 'ops', 'images', 'community-call', 'iaas/sub'] as const;

/** Small documents that link the pool's paths every way (GitHub URLs of this repository and a fork flip the identity). */
const poolDoc = fc
  .tuple(
    fc.constantFrom('# IaaS 2023-04-26', '# Weekly 2023-04-27', '## 2023-04-19', '# Notes', ''),
    fc.array(
      fc.tuple(
        fc.constantFrom(`${GH}/`, 'https://github.com/someone/fork/blob/main/', '/', '../', '', 'https://pad.example.org/uploads/'),
        fc.constantFrom(...POOL, 'iaas', 'ops/', 'diagram.png'),
        fc.constantFrom('', '#participants', '#agenda', '#L2', ' (waiting to be merged)'),
      ),
      { maxLength: 5 },
    ),
    fc.constantFrom('## Participants\n\n## Agenda\n', '##Agenda\n', '## Action items\n', ''),
  )
  .map(([title, links, sections]) => `${title}\n\n${links.map(([pre, p, tail]) => (tail.startsWith(' ') ? `- <${pre}${p}>${tail}` : pre.includes('pad') ? `![i](${pre}${p}${tail})` : `- [l](${pre}${p}${tail})`)).join('\n')}\n\n${sections}`);

type Op =
  | { kind: 'write'; path: string; text: string }
  | { kind: 'delete'; path: string }
  | { kind: 'rename'; from: string; to: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), path: fc.constantFrom(...POOL), text: poolDoc }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...POOL, ...FOLDERS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: fc.constantFrom(...POOL), to: fc.constantFrom(...POOL) }) },
);

/** One step on the files, the workspace and the index alike (a move to a taken name replaces that file). */
function applyStep(o: Op, files: Map<string, string>, ws: MemoryWorkspace, index: MinutesIndex): void {
  if (o.kind === 'write') {
    files.set(o.path, o.text);
    ws.write(o.path, o.text);
    if (isMarkdownPath(o.path)) index.update(o.path, o.text);
    else index.addPath(o.path);
  } else if (o.kind === 'delete') {
    for (const p of [...files.keys()]) if (p === o.path || p.startsWith(o.path + '/')) files.delete(p);
    ws.remove(o.path);
    index.delete(o.path);
  } else {
    const content = files.get(o.from);
    if (content === undefined || o.from === o.to || isMarkdownPath(o.from) !== isMarkdownPath(o.to)) return;
    files.delete(o.from);
    ws.remove(o.from);
    files.set(o.to, content);
    ws.write(o.to, content);
    index.rename(o.from, o.to);
  }
}

/** Links on other branches (one with a slash) and to folders, and a folder named like a branch. */
const BRANCH_POOL = [...POOL, 'develop/20230427.md'] as const;
const branchDoc = fc
  .array(
    fc.tuple(fc.constantFrom(`${GH}/`, `${GH.replace('/main', '/develop')}/`, `${GH.replace('/blob/main', '/tree/release/v1')}/`, `${GH.replace('/blob/main', '/tree')}/`, '../'), fc.constantFrom(...BRANCH_POOL, 'iaas', 'ops/', 'x/iaas/20230426.md')),
    { maxLength: 5 },
  )
  .map((links) => `# Weekly 2023-04-27\n\n${links.map(([pre, p]) => `## ${p.split('/')[0]}\n\nMinutes: <${pre}${p}>\n`).join('\n')}`);
const branchOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('write' as const), path: fc.constantFrom(...BRANCH_POOL), text: branchDoc }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom('develop', 'develop/20230427.md', 'ops/20230427.md') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: fc.constantFrom(...BRANCH_POOL), to: fc.constantFrom(...BRANCH_POOL) }) },
);

/** Everything the index keeps up to date or caches, as plain data. */
function derived(index: MinutesIndex) {
  const minutes = index.minutes();
  return {
    snapshot: snapshot(index),
    identity: index.identity,
    branch: defaultBranch(index),
    weeklyFolders: [...index.weeklyFolders()],
    teams: index.teams(),
    minutes: [...minutes],
    byTeam: index.teams().map((t) => [...index.minutesOfTeam(t)]),
    conventions: minutes.map((m) => conventionsOf(index, m.team, m.date, m.file)),
    latest: index.teams().map((t) => conventionsOf(index, t)),
  };
}

describe('fuzz: the incremental index equals one built from scratch', function () {
  this.timeout(600_000);

  it('after any sequence of update, delete and rename', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const files = new Map<string, string>();
        const base = baseRepository();
        for (const p of ['iaas/20230419.md', 'ops/20230427.md', 'community-call/20230427.md', 'images/diagram.png', 'iaas/20230412.md', 'iaas/20230405.md']) files.set(p, base[p] ?? `# ${p}\n`);
        const ws = new MemoryWorkspace(Object.fromEntries(files));
        const { index } = await buildIndex(ws);
        for (const o of ops) applyStep(o, files, ws, index);
        const fresh = (await buildIndex(ws)).index;
        assert.deepEqual(snapshot(index), snapshot(fresh));
        assert.deepEqual(index.identity, fresh.identity, 'identity');
      }),
      params(scaledRuns(25, 0.2, 25)),
    );
  });

  it('with every cache in use between changes: what is kept up to date equals a fresh build', async () => {
    // Between changes, the index is asked everything it caches or keeps up to date (so a cache that
    // missed a change answers stale at the end); the links name other branches too, and a folder
    // named like one (`develop/`) can come and go.
    const step = fc.tuple(fc.oneof(op, branchOp), fc.boolean());
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const files = new Map<string, string>();
        const base = baseRepository();
        for (const p of ['iaas/20230419.md', 'ops/20230427.md', 'community-call/20230427.md', 'images/diagram.png', 'iaas/20230412.md', 'iaas/20230405.md', 'community-call/20230420.md', 'ops/20230420.md']) files.set(p, base[p] ?? `# ${p}\n`);
        const ws = new MemoryWorkspace(Object.fromEntries(files));
        const { index } = await buildIndex(ws);
        derived(index);
        for (const [o, ask] of steps) {
          applyStep(o, files, ws, index);
          if (ask) derived(index);
        }
        const fresh = (await buildIndex(ws)).index;
        assert.deepEqual(derived(index), derived(fresh));
      }),
      params(scaledRuns(25, 0.2, 25)),
    );
  });

  it('every slot of the small repository: a document added then removed leaves the index as it was', () => {
    fc.assert(
      fc.property(markdownDoc, fc.constantFrom('iaas/20230426.md', 'notes/plan.md', 'iaas/2023-04-26.md'), (text, path) => {
        const { index } = indexWith('notes/other.md', '# other\n');
        const beforeSnapshot = JSON.stringify(snapshot(index));
        index.update(path, text);
        checkAll(index);
        index.delete(path);
        assert.equal(JSON.stringify(snapshot(index)), beforeSnapshot);
      }),
      params(scaledRuns(10, 0.1, 10)),
    );
  });
});

describe('fuzz: reproductions of what it found', () => {
  // BUG: missing-section (src/core/rules/missing-section.ts), when no present section comes before
  // the missing one and none after it, inserts at `line: title.range.end.line + 1, character: 0`:
  // for a file that is only its title with no line break after it, that line does not exist (the
  // edit lies past the end of the document; applyEdits and VS Code clamp it, other consumers need
  // not). Suggested fix: as in the rule's "after the last section" branch, insert at the end of the
  // last line (`character` = that line's length, or the rule's MAX_SAFE_INTEGER convention) with
  // `\n\n## Section` (and a final `\n` when `finalNewline` is false).
  // Fixed (was a bug): missing-section's fix, when the section goes last, appended `\n\n## Section`
  // inside a fenced code block or HTML comment that the file leaves open at its end (found by the
  // fuzz suite, seed 11). The model names what closes such a block (`unclosedAtEnd`) and the fix
  // closes it first. (An unclosed <pre> is not covered.)
  // BUG (minor): weekly-team-link's "Remove the remark" fix (src/core/rules/weekly-team-link.ts,
  // with WAITING_REMARK in src/core/parse.ts) removes the first "(waiting to be merged)" of the
  // line; a line that has it twice keeps the finding after the fix (`--fix` needs a second pass).
  // Found by the fuzz suite (seed 21). Suggested fix: `waitingRange` for each remark on the line
  // (a global match), one edit per remark in the same fix.
  it.skip('a line with the remark twice: removing the remark leaves none', () => {
    const text = `# Tech Weekly 2023-04-27\n\n## ops\n\nMinutes: <${GH}/ops/20230427.md> (waiting to be merged) (waiting to be merged)\n`;
    const path = 'community-call/20230427.md';
    const { index } = indexWith(path, text);
    const finding = checkFile(index, path).find((d) => d.rule === 'weekly-team-link' && d.data?.reason === 'merged');
    assert.ok(finding?.fixes?.[0]?.edits);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.doesNotMatch(fixed, /waiting to be merged/);
    assert.equal(checkFile(indexWith(path, fixed).index, path).filter((d) => d.data?.reason === 'merged').length, 0);
  });

  it('missing-section at the end of a file that ends inside an unclosed code fence: the fix adds a heading', () => {
    const text = '# IaaS Meeting 2023-04-26\n\n## Participants\n\n- @a\n\n## Agenda\n\n```\ncode\n';
    const { index } = indexWith('iaas/20230426.md', text);
    const finding = checkFile(index, 'iaas/20230426.md').find((d) => d.rule === 'missing-section' && /Action items/.test(d.message));
    assert.ok(finding?.fixes?.[0]?.edits, 'a missing-section finding with a fix');
    const fixed = applyEdits(text, finding.fixes[0].edits);
    const after = indexWith('iaas/20230426.md', fixed).index;
    assert.ok(after.get('iaas/20230426.md')?.doc.headings.some((h) => h.text === 'Action items'), JSON.stringify(fixed));
  });

  // Fixed (was a bug): weekly-team-link (src/core/rules/weekly-team-link.ts) offers "Add the link to …" at
  // `line = section.range.end.line + 1`, allowed up to `sectionEndLine(…) + 1` = lineCount: when
  // the team's heading is the weekly's last line and the file has no final line break, that line
  // does not exist. Found by the fuzz suite (seed 12, a mutated community-call/20261231.md).
  // Suggested fix: when `line >= doc.lineCount` (or `!doc.finalNewline` and the heading is last),
  // insert at the end of the heading's line with `\n\nMinutes: <…>\n`.
  it('weekly-team-link on a weekly whose last line is the team heading, without a final line break: the insertion lies inside the document', async () => {
    const ws = fixtureWorkspace();
    const path = 'community-call/20261231.md';
    const full = Buffer.from(await ws.read(path)).toString('utf8');
    const text = full.slice(0, full.indexOf('### Team Container') + '### Team Container'.length);
    ws.write(path, text);
    const { index } = await buildIndex(ws);
    const lines = new LineIndex(text);
    const findings = checkFile(index, path).filter((d) => d.rule === 'weekly-team-link' && d.fixes?.some((f) => f.edits?.length));
    assert.ok(findings.length > 0, 'a missing-link finding with a fix');
    for (const d of findings) for (const fix of d.fixes ?? []) for (const e of fix.edits ?? []) assertRange(lines, e.range, fix.title);
  });

  // BUG (minor; MinutesIndex.rename has no caller in src/ today, only tests): rename(from, to)
  // onto a path that already holds an indexed file replaces the entry with `files.set(to, moved)`
  // without unlinkFile/unregister of the old `to` entry, so its hash stays in byHash/byBodyHash
  // (and its targets in linkedFrom): a file identical to the overwritten content is then reported
  // as duplicate-minutes of `to`. Suggested fix: in src/core/index.ts rename(), when `to` is
  // indexed, `this.delete(to)` (or unlink/unregister/unvote its entry) before moving.
  it('rename onto an existing file leaves the index as a build from scratch', async () => {
    const big = '# IaaS 2023-04-26\n\n## Agenda\n' + 'long prose of the meeting that makes the file big enough to count. '.repeat(3);
    const ws = new MemoryWorkspace({ 'iaas/20230426.md': big, 'iaas/20230503.md': '# IaaS 2023-05-03\n\n## Other\n', 'ops/20230427.md': big });
    const { index } = await buildIndex(ws);
    const moved = Buffer.from(await ws.read('iaas/20230503.md')).toString('utf8');
    ws.remove('iaas/20230503.md');
    ws.write('iaas/20230426.md', moved);
    index.rename('iaas/20230503.md', 'iaas/20230426.md');
    assert.deepEqual(snapshot(index), snapshot((await buildIndex(ws)).index));
  });

  it('missing-section on a file that is only its title, without a final line break: the insertion lies inside the document', () => {
    const text = '# IaaS Meeting 2023-04-26';
    const { index } = indexWith('iaas/20230426.md', text);
    const lines = new LineIndex(text);
    const diagnostics = checkFile(index, 'iaas/20230426.md').filter((d) => d.rule === 'missing-section');
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) for (const fix of d.fixes ?? []) for (const e of fix.edits ?? []) assertRange(lines, e.range, fix.title);
  });
});
