// Bundles bench/parser-eval.ts (with the core from src/ and the test arbitraries) and runs it.
// Usage: node bench/parser-eval.mjs [--fuzz N] [--passes N] [--seed S] [corpus]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const out = join(benchDir, '.build', 'parser-eval.js');
await build({
  entryPoints: [join(benchDir, 'parser-eval.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'error',
  absWorkingDir: resolve(benchDir, '..'),
  mainFields: ['module', 'main'],
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
