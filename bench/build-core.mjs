// Bundles bench/core-bench.ts (and the core it imports from src/) into bench/.build/core-bench.js.
// index.ts's `./parse` import is pointed at bench/parse-memo.ts (see there); nothing in src/ changes.
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');

export const coreBenchOut = join(benchDir, '.build', 'core-bench.js');

const memoParser = {
  name: 'bench-parse-memo',
  setup(b) {
    b.onResolve({ filter: /^\.\/parse$/ }, (args) => {
      if (resolve(args.importer) === join(repoRoot, 'src', 'core', 'index.ts')) return { path: join(benchDir, 'parse-memo.ts') };
      return undefined;
    });
  },
};

export async function buildCoreBench() {
  await build({
    entryPoints: [join(benchDir, 'core-bench.ts')],
    outfile: coreBenchOut,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'error',
    absWorkingDir: repoRoot,
    mainFields: ['module', 'main'],
    plugins: [memoParser],
  });
  return coreBenchOut;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await buildCoreBench());
}
