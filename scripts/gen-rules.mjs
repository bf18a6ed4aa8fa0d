// Writes what is made from the rules in src/core/rules/ (see scripts/ruleCatalogue.ts): first the
// registry's list from the folder's files, then, from the registry, the schema's rule entries, the
// VS Code settings in package.json and the rule tables of README.md, docs/rules/README.md and
// docs/configuration.md. Usage: node scripts/gen-rules.mjs [--check] (--check writes nothing and
// exits with 1 when a file is not what it would write).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const outdir = join(root, 'out', 'gen-rules');
mkdirSync(outdir, { recursive: true });
const require = createRequire(import.meta.url);

async function load(entry, name) {
  const outfile = join(outdir, `${name}.cjs`);
  await build({ entryPoints: [join(root, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', mainFields: ['module', 'main'] });
  delete require.cache[outfile];
  return require(outfile);
}

const stale = [];
function write(path, text) {
  const full = join(root, path);
  if (readFileSync(full, 'utf8') === text) return;
  stale.push(path);
  if (!check) writeFileSync(full, text);
}

const catalogue = await load('scripts/ruleCatalogue.ts', 'catalogue');
// The registry first: the rest is made from the rules it lists.
write(catalogue.REGISTRY_FILE, catalogue.registrySource(catalogue.ruleIdsOfListing(readdirSync(join(root, catalogue.RULES_FOLDER)))));
const { allRules } = await load(catalogue.REGISTRY_FILE, 'registry');
for (const file of catalogue.ruleCatalogue(allRules)) write(file.path, file.update(readFileSync(join(root, file.path), 'utf8')));

if (check && stale.length) {
  console.error(`Not what \`npm run gen:rules\` writes: ${stale.join(', ')}`);
  process.exitCode = 1;
} else {
  console.log(stale.length ? `${check ? 'would write' : 'wrote'} ${stale.join(', ')}` : 'rule catalogue up to date');
}
