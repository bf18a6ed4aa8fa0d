// How long one thread takes to parse the corpus, the parser in src/ against the parser of another
// commit, in the same process and the same run (passes taken in turn, so drift in machine load hits
// both alike). Every file's model is compared first: a faster parser that reads differently is no use.
// Usage: node bench/parse-speed.mjs [--base REF] [--passes N] [corpus]
//   --base REF   the commit to compare with (default: HEAD; `none`: only the parser in src/)
//   --passes N   timed passes of each (default 7; the median is reported)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const work = join(benchDir, '.build', 'parse-speed');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const base = option('--base', 'HEAD');
const passes = Number(option('--passes', '7'));
const corpus = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? join(repoRoot, '..', 'shared', 'corpus', 'scs-minutes');

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

/** Bundles the parser found under `root` (a checkout's top folder) into one module. */
async function bundleParser(root, name) {
  const entry = join(work, `${name}-entry.ts`);
  const core = join(root, 'src', 'core');
  writeFileSync(entry, `export { parseMinutes } from ${JSON.stringify(join(core, 'parse'))};\nexport { markdownEvents } from ${JSON.stringify(join(core, 'markdown'))};\n`);
  const outfile = join(work, `${name}.js`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    absWorkingDir: repoRoot,
    // Packages resolve from this checkout's node_modules, whichever commit the sources come from.
    nodePaths: [join(repoRoot, 'node_modules')],
    mainFields: ['module', 'main'],
  });
  return outfile;
}

const bundles = [['src/', await bundleParser(repoRoot, 'current')]];
if (base !== 'none') {
  const tree = join(work, 'base');
  mkdirSync(tree, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', base, 'src/core'], { cwd: repoRoot, maxBuffer: 64 << 20 });
  if (archive.status !== 0) {
    console.error(`parse-speed: git archive ${base} failed: ${archive.stderr}`);
    process.exit(2);
  }
  const untar = spawnSync('tar', ['-x', '-C', tree], { input: archive.stdout });
  if (untar.status !== 0) {
    console.error(`parse-speed: tar failed: ${untar.stderr}`);
    process.exit(2);
  }
  const rev = spawnSync('git', ['rev-parse', '--short', base], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  bundles.push([`${base} (${rev})`, await bundleParser(tree, 'base')]);
}

const run = spawnSync(process.execPath, ['--expose-gc', join(benchDir, 'tools', 'parse-speed-run.cjs'), corpus, String(passes), ...bundles.flat()], {
  stdio: 'inherit',
});
process.exitCode = run.status ?? 1;
