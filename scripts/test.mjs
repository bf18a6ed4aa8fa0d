// `npm test`: every test layer in turn (type check, unit + CLI, in-host suite with UI checks),
// then one line `N passed, N failed` summed over all layers (also written to out/test/summary.txt).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const skipHost = args.includes('--no-host') || process.env.MINUTES_SKIP_HOST === '1';
let passed = 0;
let failed = 0;
const problems = [];

function step(name, command, commandArgs) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    problems.push(`${name} failed (exit ${r.status ?? r.signal})`);
    return false;
  }
  return true;
}

async function unitTests() {
  console.log('\n=== unit and CLI tests (mocha)');
  const Mocha = require('mocha');
  const config = JSON.parse(readFileSync(join(root, '.mocharc.json'), 'utf8'));
  const mocha = new Mocha({ timeout: config.timeout, reporter: 'spec' });
  const files = listFiles(join(root, 'out/test/unit')).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(f);
  await new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', (test) => {
      failed++;
      problems.push(`unit: ${test.fullTitle()}`);
    });
  });
}

function listFiles(dir) {
  const { readdirSync, statSync } = require('node:fs');
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

mkdirSync(join(root, 'out/test'), { recursive: true });
const summaryFile = join(root, 'out/test/summary.txt');
rmSync(summaryFile, { force: true });

if (step('build', process.execPath, ['scripts/build.mjs'])) {
  if (step('type check', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']) &&
      step('type check of src/core without vscode', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'src/core/tsconfig.json', '--noEmit'])) {
    passed += 2;
  } else failed++;
  await unitTests();
  if (!skipHost) {
    const hostResults = join(root, 'out/test/host-results.json');
    rmSync(hostResults, { force: true });
    step('in-host suite in a real VS Code, Node and web worker extension hosts (code-server + headless Chromium)', process.execPath, ['test/host/run.mjs']);
    if (existsSync(hostResults)) {
      const r = JSON.parse(readFileSync(hostResults, 'utf8'));
      passed += r.passed ?? 0;
      failed += r.failed ?? 0;
      // Each extension host's share (the web layer among them), UI checks counted in the total above.
      for (const s of r.sessions ?? []) console.log(`in-host ${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.pending} pending`);
      for (const n of r.notes ?? []) console.log(`in-host note: ${n}`);
    } else {
      failed++;
      problems.push('in-host suite: no results');
    }
  }
} else failed++;

if (problems.length) {
  console.log('\nFailures:');
  for (const p of problems) console.log(`  - ${p}`);
}
const line = `${passed} passed, ${failed} failed`;
writeFileSync(summaryFile, line + '\n');
console.log(`\n${line}`);
process.exitCode = failed > 0 ? 1 : 0;
