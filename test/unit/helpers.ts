// Shared helpers for the unit tests (not a test file itself: only `*.test.ts` are entry points).
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { CliIo } from '../../src/cli/main';
import type { MinutesDiagnostic } from '../../src/core/diagnostics';
import type { MinutesIndex, WeekEntry } from '../../src/core/index';
import { checkAll } from '../../src/core/check';
import { MemoryWorkspace } from './memoryWorkspace';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { findingLine, toJsonFinding } from '../../src/cli/format/diagnostics';

/** The repository root: the nearest folder above this bundle (or else the working folder) with the project's package.json. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = nodePath.dirname(dir)) {
      const pkg = nodePath.join(dir, 'package.json');
      try {
        if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'minutes-workbench') return dir;
      } catch {
        // not ours; keep climbing
      }
      if (nodePath.dirname(dir) === dir) break;
    }
  }
  throw new Error(`project root not found above ${__dirname} or ${process.cwd()}`);
}

export const ROOT = repoRoot();
export const FIXTURE = nodePath.join(ROOT, 'test/fixtures/sample-minutes');
export const CORPUS = nodePath.resolve(ROOT, '../shared/corpus/scs-minutes');

export interface ExpectedFixture {
  repository: string;
  weeklyFolder: string;
  brokenLinks: Array<{ file: string; line: number; column: number; target: string; reason: string }>;
  waiting: Array<{ file: string; line: number; target: string }>;
  otherDefects: Array<{ file: string; line: number; rule: string; note: string }>;
  weeks: Record<string, { weekly: string; minutes: Record<string, string | string[]> }>;
}

export function loadExpected(): ExpectedFixture {
  return JSON.parse(fs.readFileSync(nodePath.join(ROOT, 'test/fixtures/sample-minutes.expected.json'), 'utf8'));
}

/** Every entry below `root` that is not a folder (files, links, pipes), as relative POSIX paths, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${d.name}` : d.name;
      if (d.isDirectory()) walk(nodePath.join(dir, d.name), rel);
      else out.push(rel);
    }
  };
  walk(root, '');
  return out.sort();
}

/** Every regular file of a folder on disk, as `relative/posix/path` → bytes (for a MemoryWorkspace copy). */
export function readTree(root: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const rel of listFiles(root)) {
    const abs = nodePath.join(root, ...rel.split('/'));
    if (fs.lstatSync(abs).isFile()) out[rel] = new Uint8Array(fs.readFileSync(abs));
  }
  return out;
}

/** The Markdown files below `dir` (absolute paths, sorted), outside hidden folders and node_modules. */
export function markdownUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = nodePath.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export function fixtureWorkspace(): MemoryWorkspace {
  return new MemoryWorkspace(readTree(FIXTURE));
}

export interface FakeIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

export function fakeIo(cwd: string = ROOT): FakeIo {
  let out = '';
  let err = '';
  return {
    io: { cwd, stdout: (t) => (out += t), stderr: (t) => (err += t) },
    stdout: () => out,
    stderr: () => err,
  };
}

/** A fresh folder below the OS temp folder; removed by `cleanup`. */
export function makeTempDir(label = 'minutes-test-'): string {
  return fs.mkdtempSync(nodePath.join(os.tmpdir(), label));
}

export function cleanup(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** The one dated minutes file every temporary test repository starts with, so it is indexed as minutes. */
export const OPS_MINUTES = { 'ops/20230427.md': '# Ops 2023-04-27\n\n## Agenda\n' };

/** A temporary folder (`dir`, removed by `cleanup`) with a repository `dir/repo` holding `files`. */
export function makeTempRepo(label: string, files: Record<string, string | Uint8Array>): { dir: string; repo: string } {
  const dir = makeTempDir(label);
  const repo = nodePath.join(dir, 'repo');
  fs.mkdirSync(repo);
  writeFiles(repo, files);
  return { dir, repo };
}

/** Writes files (relative POSIX path → content) below `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = nodePath.join(root, ...rel.split('/'));
    fs.mkdirSync(nodePath.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** What the user sees of an index: its findings and its weeks, in a comparable form. */
export function snapshot(index: MinutesIndex): { diagnostics: MinutesDiagnostic[]; weeks: WeekEntry[]; weekly: string | undefined; teams: string[] } {
  return {
    diagnostics: JSON.parse(JSON.stringify(checkAll(index))),
    weeks: JSON.parse(JSON.stringify(index.weeks())),
    weekly: index.weeklyFolder(),
    teams: index.teams(),
  };
}

/** `file:line:col severity rule` (1-based): how case.json files and the sample's expected file list a finding. */
export function shortFinding(d: MinutesDiagnostic): string {
  return findingLine(toJsonFinding(d), 'short');
}

/** Builds dist/cli.js once per test run (for tests that run the CLI as a user does). */
let cliBuilt: Promise<string> | undefined;
export function builtCli(): Promise<string> {
  cliBuilt ??= new Promise((resolve, reject) => {
    execFile(process.execPath, ['scripts/build.mjs', '--only', 'cli', '--quiet'], { cwd: ROOT }, (error, _out, stderr) => {
      if (error) reject(new Error(`building the CLI failed: ${stderr}`));
      else resolve(nodePath.join(ROOT, 'dist/cli.js'));
    });
  });
  return cliBuilt;
}

/** A NodeWorkspace that records every path it is asked to read or stat. */
export class RecordingWorkspace extends NodeWorkspace {
  readonly reads: string[] = [];
  readonly stats: string[] = [];
  override async read(path: string): Promise<Uint8Array> {
    this.reads.push(path);
    return super.read(path);
  }
  override async stat(path: string) {
    this.stats.push(path);
    return super.stat(path);
  }
}

/** Why a build skipped `path`, if it did. */
export function reasonOf(result: { skipped: Array<{ path: string; reason: string }> }, path: string): string | undefined {
  return result.skipped.find((s) => s.path === path)?.reason;
}

/** Makes a symbolic link; false where the system does not allow it (the test then skips). */
export function trySymlink(target: string, path: string, type?: 'dir' | 'file'): boolean {
  try {
    fs.symlinkSync(target, path, type);
    return true;
  } catch {
    return false;
  }
}

/** CPU milliseconds of this process for `f`. */
export function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Runs Node with `args` as a user would (killed at the time-out); the exit code, or the signal that ended it. */
export function runNode(args: string[], options: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv }): Promise<{ code: number | string; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, timeout: options.timeout ?? 120_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : (error.signal ?? -1)) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** git with a fixed identity and no user or system configuration; its output. */
export function git(cwd: string, ...args: string[]): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe', env });
}

/** True when git can be run (the tests that need it skip otherwise). */
export function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
