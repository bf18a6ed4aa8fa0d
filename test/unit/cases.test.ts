// Per-rule cases: test/cases/<rule-id>/<case-name>/{repo/, case.json, expected/}, discovered at run
// time. Each case's repository is checked by the core and by the CLI; it must give exactly the
// findings of that rule listed in case.json, and each listed fix must turn the file into its
// expected/ file, make the finding go away, and leave nothing for `--fix` to do a second time.
// A case with "knownBug" shows a bug not fixed yet: it is reported as pending with that text, and
// fails once the case passes (then the bug is fixed: remove "knownBug").
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { buildIndex } from '../../src/core/build';
import { checkAll, checkFile } from '../../src/core/check';
import type { MinutesDiagnostic, MinutesFix } from '../../src/core/diagnostics';
import type { MinutesIndex } from '../../src/core/index';
import { applyEdits, safeFix } from '../../src/core/fix';
import { allRules } from '../../src/core/rules/index';
import { decodeUtf8 } from '../../src/core/text';
import { findingLine, type JsonFinding } from '../../src/cli/format/diagnostics';
import { ROOT, cleanup, fakeIo, makeTempDir, readTree, shortFinding } from './helpers';

const CASES = nodePath.join(ROOT, 'test/cases');

interface CaseFix {
  /** `path:line:col` of the finding (1-based). */
  at: string;
  /** A substring of the fix's title. */
  title: string;
  /** The file (relative to the case folder) the fixed file must equal, byte for byte. */
  expected: string;
}

interface CaseSpec {
  description: string;
  findings: string[];
  fixes?: CaseFix[];
  knownBug?: string;
}

interface Case {
  rule: string;
  name: string;
  dir: string;
  repo: string;
  spec: CaseSpec;
}

function discover(): Case[] {
  const out: Case[] = [];
  if (!fs.existsSync(CASES)) return out;
  for (const rule of fs.readdirSync(CASES, { withFileTypes: true })) {
    if (!rule.isDirectory()) continue;
    for (const c of fs.readdirSync(nodePath.join(CASES, rule.name), { withFileTypes: true })) {
      const dir = nodePath.join(CASES, rule.name, c.name);
      if (!c.isDirectory() || !fs.existsSync(nodePath.join(dir, 'case.json'))) continue;
      out.push({ rule: rule.name, name: c.name, dir, repo: nodePath.join(dir, 'repo'), spec: JSON.parse(fs.readFileSync(nodePath.join(dir, 'case.json'), 'utf8')) });
    }
  }
  return out.sort((a, b) => (a.rule + '/' + a.name < b.rule + '/' + b.name ? -1 : 1));
}

/** `path:line:col severity rule`, 1-based, as case.json lists findings. */
const show = shortFinding;

function parseAt(at: string): { path: string; line: number; character: number } {
  const m = /^(.+):(\d+):(\d+)$/.exec(at);
  if (!m) throw new Error(`"at" must be path:line:col, not ${at}`);
  return { path: m[1], line: Number(m[2]) - 1, character: Number(m[3]) - 1 };
}

const startsAt = (d: MinutesDiagnostic, p: { path: string; line: number; character: number }) => d.path === p.path && d.range.start.line === p.line && d.range.start.character === p.character;

/** What a fix writes: the text with the file's BOM put back, as the CLI writes it. */
const encode = (text: string, hasBom: boolean) => Buffer.from((hasBom ? '\uFEFF' : '') + text, 'utf8');

/** A readable difference of two file contents (line endings and BOM shown). */
function explainBytes(actual: Buffer, expected: Buffer): string {
  const visible = (b: Buffer) => JSON.stringify(b.toString('utf8'));
  return `expected ${visible(expected)}\n     got ${visible(actual)}`;
}

/** The core's findings of the case's rule on its repository (built once per case, shared by its tests). */
const coreRuns = new Map<string, Promise<{ index: MinutesIndex; diagnostics: MinutesDiagnostic[] }>>();
function coreRun(c: Case) {
  let run = coreRuns.get(c.dir);
  if (!run) {
    run = buildIndex(new NodeWorkspace(c.repo)).then(({ index }) => ({ index, diagnostics: checkAll(index, { rules: [c.rule] }) }));
    coreRuns.set(c.dir, run);
  }
  return run;
}

/** The diagnostic a listed fix names, and that fix. */
function findFix(diagnostics: MinutesDiagnostic[], fix: CaseFix): { diagnostic: MinutesDiagnostic; chosen: MinutesFix } {
  const where = parseAt(fix.at);
  const candidates = diagnostics.filter((d) => startsAt(d, where));
  assert.ok(candidates.length, `no finding at ${fix.at}`);
  const diagnostic = candidates.find((d) => d.fixes?.some((f) => f.title.includes(fix.title)));
  assert.ok(diagnostic, `no fix titled "${fix.title}" at ${fix.at}; fixes offered: ${candidates.flatMap((d) => d.fixes ?? []).map((f) => f.title).join(' | ') || 'none'}`);
  return { diagnostic, chosen: diagnostic.fixes!.find((f) => f.title.includes(fix.title))! };
}

/** Checks the case against the core: findings, then each listed fix. */
async function checkCore(c: Case): Promise<void> {
  const { index, diagnostics } = await coreRun(c);
  assert.deepEqual(diagnostics.map(show), c.spec.findings, `findings of ${c.rule}; messages:\n${diagnostics.map((d) => `${show(d)}: ${d.message}`).join('\n')}`);
  for (const fix of c.spec.fixes ?? []) {
    const where = parseAt(fix.at);
    const { diagnostic, chosen } = findFix(diagnostics, fix);
    assert.ok(chosen.edits?.length, `the fix "${chosen.title}" edits no text`);
    const original = decodeUtf8(fs.readFileSync(nodePath.join(c.repo, ...where.path.split('/'))));
    const fixed = applyEdits(original.text, chosen.edits);
    const got = encode(fixed, original.hasBom);
    const want = fs.readFileSync(nodePath.join(c.dir, fix.expected));
    assert.ok(got.equals(want), `fix "${chosen.title}" at ${fix.at} ≠ ${fix.expected}:\n${explainBytes(got, want)}`);
    // The fixed text no longer has the finding (nor, so, a fix for it to apply again).
    index.update(where.path, fixed);
    try {
      const after = checkFile(index, where.path, { rules: [c.rule] });
      const again = after.find((d) => startsAt(d, where) && d.message === diagnostic.message);
      assert.ok(!again, `after "${chosen.title}", ${fix.at} still has: ${again?.message}`);
    } finally {
      index.update(where.path, original.text);
    }
  }
}

async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = fakeIo();
  const code = await main(argv, io.io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const hasBareLf = (b: Uint8Array) => {
  for (let i = 0; i < b.length; i++) if (b[i] === 10 && (i === 0 || b[i - 1] !== 13)) return true;
  return false;
};
const hasCr = (b: Uint8Array) => b.includes(13);
const startsWithBom = (b: Uint8Array) => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) => a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

/** Checks the case through the CLI on a copy: the same findings, then `--fix` twice. */
async function checkCli(c: Case): Promise<void> {
  const tmp = makeTempDir('minutes-case-');
  try {
    fs.cpSync(c.repo, tmp, { recursive: true });
    const args = ['check', tmp, '--rule', c.rule, '--format', 'json'];
    const first = await runCli(args);
    assert.notEqual(first.code, 2, first.stderr);
    const findings = (JSON.parse(first.stdout) as JsonFinding[]).map((f) => findingLine(f, 'short'));
    assert.deepEqual(findings, c.spec.findings, 'the CLI reports other findings than case.json lists');
    if (findings.length === 0) return;

    const { diagnostics } = await coreRun(c);
    const before = readTree(tmp);
    const fixRun = await runCli([...args, '--fix']);
    assert.notEqual(fixRun.code, 2, fixRun.stderr);
    assert.doesNotMatch(fixRun.stderr, /not fixed/, fixRun.stderr);
    const fixed = readTree(tmp);
    assert.deepEqual(Object.keys(fixed).sort(), Object.keys(before).sort(), '--fix added or removed files');
    const changed = Object.keys(fixed).filter((path) => !same(fixed[path], before[path]));
    for (const path of changed) {
      const was = before[path];
      const bytes = fixed[path];
      assert.equal(startsWithBom(bytes), startsWithBom(was), `${path}: --fix changed the BOM`);
      if (hasCr(was) && !hasBareLf(was)) assert.ok(!hasBareLf(bytes), `${path}: --fix wrote LF into a CR LF file`);
      if (!hasCr(was)) assert.ok(!hasCr(bytes), `${path}: --fix wrote CR into an LF file`);
    }
    if (changed.length === 0) {
      assert.deepEqual(diagnostics.filter((d) => safeFix(d)).map(show), [], 'findings with a safe fix, but --fix changed nothing');
      return;
    }

    // A second --fix changes nothing: each safe fix removed its finding, and fixing is idempotent.
    const secondRun = await runCli([...args, '--fix']);
    assert.notEqual(secondRun.code, 2, secondRun.stderr);
    assert.doesNotMatch(secondRun.stderr, /fixed \d+ problem/, `a second --fix found more to fix (a safe fix that leaves its finding):\n${secondRun.stderr}`);
    const again = readTree(tmp);
    for (const path of changed) assert.ok(same(again[path], fixed[path]), `the second --fix changed ${path}:\n${explainBytes(Buffer.from(again[path]), Buffer.from(fixed[path]))}`);
    assert.deepEqual(JSON.parse(secondRun.stdout), JSON.parse(fixRun.stdout), 'the second --fix reports other findings than the first');

    // A listed safe fix that is the only safe fix in its file: --fix writes exactly the expected file.
    for (const fix of c.spec.fixes ?? []) {
      const where = parseAt(fix.at);
      const { diagnostic, chosen } = findFix(diagnostics, fix);
      if (safeFix(diagnostic) !== chosen || diagnostics.filter((x) => x.path === where.path && safeFix(x)).length !== 1) continue;
      const want = fs.readFileSync(nodePath.join(c.dir, fix.expected));
      const got = Buffer.from(fixed[where.path]);
      assert.ok(got.equals(want), `--fix wrote ${where.path} other than ${fix.expected}:\n${explainBytes(got, want)}`);
    }
  } finally {
    cleanup(tmp);
  }
}

function checkSpec(c: Case): void {
  assert.ok(allRules.some((r) => r.id === c.rule), `test/cases/${c.rule}: no such rule`);
  assert.equal(typeof c.spec.description, 'string');
  assert.ok(Array.isArray(c.spec.findings));
  for (const f of c.spec.findings) assert.match(f, new RegExp(`^[^:]+:\\d+:\\d+ (error|warning|info|hint) ${c.rule}$`), `finding "${f}" must be "path:line:col severity ${c.rule}"`);
  for (const fix of c.spec.fixes ?? []) {
    assert.ok(c.spec.findings.some((f) => f.startsWith(`${fix.at} `)), `fix at ${fix.at} is not at a listed finding`);
    assert.ok(fs.existsSync(nodePath.join(c.dir, fix.expected)), `${fix.expected} is missing`);
  }
  assert.ok(fs.existsSync(c.repo), 'repo/ is missing');
}

const cases = discover();

describe('rule cases (test/cases)', function () {
  this.timeout(20000);

  it('cover every rule with findings and with a clean case', () => {
    for (const rule of allRules) {
      const mine = cases.filter((c) => c.rule === rule.id && !c.spec.knownBug);
      assert.ok(mine.some((c) => c.spec.findings.length > 0), `${rule.id}: no case with findings`);
      assert.ok(mine.some((c) => c.spec.findings.length === 0), `${rule.id}: no clean case`);
    }
  });

  for (const c of cases) {
    const label = `${c.rule}/${c.name}`;
    if (c.spec.knownBug) {
      it(`${label}: known bug: ${c.spec.knownBug}`, async function () {
        try {
          checkSpec(c);
          await checkCore(c);
          await checkCli(c);
        } catch (error) {
          // MINUTES_CASES_DEBUG=1 shows how each known bug shows itself.
          if (process.env.MINUTES_CASES_DEBUG) console.log(`\n${label}: ${error instanceof Error ? error.message : String(error)}\n`);
          this.skip();
        }
        assert.fail(`${label} passes now: the bug is fixed, remove "knownBug" from its case.json`);
      });
      continue;
    }
    describe(label, () => {
      it('case.json is well-formed', () => checkSpec(c));
      it(`core: ${c.spec.findings.length} finding(s)${c.spec.fixes?.length ? `, ${c.spec.fixes.length} fix(es)` : ''}`, () => checkCore(c));
      it('cli: the same findings; --fix keeps BOM and line endings and is idempotent', () => checkCli(c));
    });
  }
});

