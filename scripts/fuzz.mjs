// `npm run fuzz`: the fuzz suite (test/unit/fuzz.test.ts) with many more cases than `npm test` runs,
// and a fresh random seed each time, printed so that a failure can be replayed; then the pathological
// Markdown shapes at about 100 KB each (test/unit/pathological.test.ts), each within its parse budget.
// Usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--grep PATTERN] [--no-shrink]
//   --runs N     cases per property (default: FUZZ_RUNS or 10000; expensive properties run a share)
//   --seed S     replay a seed a previous run printed (default: FUZZ_SEED or a random one)
//   --grep P     only the properties whose title matches P
//   --no-shrink  report the first failing case as found, without shrinking it (faster on big inputs)
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function option(name) {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`fuzz: ${name} needs a value`);
    process.exit(2);
  }
  return value;
}

function integer(name, text) {
  if (!/^-?\d+$/.test(text)) {
    console.error(`fuzz: ${name} must be an integer, not "${text}"`);
    process.exit(2);
  }
  return Number(text);
}

const runs = integer('--runs', option('--runs') ?? process.env.FUZZ_RUNS ?? '10000');
const seed = integer('--seed', option('--seed') ?? process.env.FUZZ_SEED ?? String(randomInt(0, 2 ** 31 - 1)));
const grep = option('--grep');
const replay = `npm run fuzz -- --seed ${seed} --runs ${runs}${grep ? ` --grep ${JSON.stringify(grep)}` : ''}`;

console.log(`fuzz: seed ${seed}, ${runs} runs per property`);
console.log(`fuzz: replay with: ${replay}`);

const built = spawnSync(process.execPath, ['scripts/build.mjs', '--only', 'tests', '--quiet'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('fuzz: the test build failed');
  process.exit(built.status ?? 2);
}

const mocha = require.resolve('mocha/bin/mocha.js');
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [mocha, '--no-config', '--timeout', '0', '--reporter', 'spec', ...(grep ? ['--grep', grep] : []), 'out/test/unit/fuzz.test.js', 'out/test/unit/pathological.test.js'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), ...(args.includes('--no-shrink') ? { FUZZ_SHRINK: '0' } : {}) },
  },
);
const minutes = ((Date.now() - started) / 60000).toFixed(1);
const ok = result.status === 0;
console.log(`\nfuzz: ${ok ? 'passed' : 'FAILED'} after ${minutes} min; seed ${seed}, ${runs} runs`);
if (!ok) console.log(`fuzz: replay with: ${replay}`);
process.exit(result.status ?? 1);
