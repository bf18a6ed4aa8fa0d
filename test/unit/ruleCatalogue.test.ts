// Everything that lists the rules is made from the rule registry: the registry's list from the files
// of src/core/rules/, and from the registry the schema, the VS Code settings, the rule tables and the
// CLI's --rule list. A committed file that differs from what `npm run gen:rules` writes fails here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { allRules, type Rule } from '../../src/core/rules/index';
import { ruleDocPage } from '../../src/core/rules/rule';
import { main } from '../../src/cli/main';
import { REGISTRY_FILE, RULES_FOLDER, optionAnchor, registrySource, ruleCatalogue, ruleIdsOfListing } from '../../scripts/ruleCatalogue';
import { ROOT, fakeIo } from './helpers';

const read = (path: string) => fs.readFileSync(nodePath.join(ROOT, path), 'utf8');
const FIX = 'run `npm run gen:rules` and commit what it writes';

describe('the rule catalogue', () => {
  it('the registry lists every rule file of src/core/rules/, and nothing else', () => {
    const ids = ruleIdsOfListing(fs.readdirSync(nodePath.join(ROOT, RULES_FOLDER)));
    assert.deepEqual(allRules.map((r) => r.id), ids, 'each rule file exports a rule whose id is its file name');
    assert.equal(read(REGISTRY_FILE), registrySource(ids), `${REGISTRY_FILE}: ${FIX}`);
  });

  it('a rule file is a file named like a rule id; the registry and the rule type are not rules', () => {
    assert.deepEqual(ruleIdsOfListing(['rule.ts', 'index.ts', 'zz-new.ts', 'broken-link.ts', 'notes.md', 'Mixed-Case.ts', 'broken-link.test.ts']), ['broken-link', 'zz-new']);
  });

  for (const file of ruleCatalogue(allRules)) {
    it(`${file.path} is what the rules make of it`, () => {
      const committed = read(file.path);
      assert.equal(file.update(committed), committed, `${file.path}: ${FIX}`);
    });

    it(`${file.path} without one of the rules would fail the check above`, () => {
      // What the file would be had a rule been added without regenerating it.
      for (const left of allRules) {
        const without = ruleCatalogue(allRules.filter((r) => r !== left)).find((f) => f.path === file.path)!.update(read(file.path));
        assert.notEqual(file.update(without), without, `${file.path} without ${left.id}`);
      }
    });
  }

  it('the schema has every rule as a setting and in ignoreRules, and no other', () => {
    const schema = JSON.parse(read('schemas/minutes.schema.json')) as {
      properties: { rules: { properties: Record<string, { description: string }> }; ignoreRules: { additionalProperties: { items: { enum: string[] } } } };
    };
    const ids = allRules.map((r) => r.id).sort();
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), ids);
    assert.deepEqual([...schema.properties.ignoreRules.additionalProperties.items.enum].sort(), ids);
    for (const rule of allRules) assert.ok(schema.properties.rules.properties[rule.id].description.startsWith(rule.description), rule.id);
  });

  it('package.json has one setting minutes.rules.<id> per rule, and no other', () => {
    const manifest = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const settings = Object.keys(manifest.contributes.configuration.properties).filter((k) => k.startsWith('minutes.rules.'));
    assert.deepEqual(settings.sort(), allRules.map((r) => `minutes.rules.${r.id}`).sort());
  });

  it('the rule tables of README.md, docs/rules/README.md and docs/configuration.md link every rule', () => {
    for (const [path, prefix] of [['README.md', 'docs/rules/'], ['docs/rules/README.md', ''], ['docs/configuration.md', 'rules/']] as const) {
      const text = read(path);
      for (const rule of allRules) {
        const links = text.split(`](${prefix}${rule.id}.md)`).length - 1;
        assert.ok(links >= 1, `${path} links ${rule.id}`);
      }
    }
  });

  it('each rule has its description, what it finds, its doc page and a case folder', () => {
    for (const rule of allRules) {
      assert.match(rule.description, /^[A-Z].{10,}\.$/, `${rule.id}: one sentence`);
      assert.ok(rule.finds.length > 10 && !rule.finds.includes('\n'), `${rule.id}: finds`);
      assert.ok(fs.existsSync(nodePath.join(ROOT, ruleDocPage(rule.id))), ruleDocPage(rule.id));
      assert.ok(fs.existsSync(nodePath.join(ROOT, 'test', 'cases', rule.id)), `test/cases/${rule.id}`);
      assert.ok(!rule.lesserSeverities?.includes(rule.defaultSeverity), `${rule.id}: lesser severities`);
    }
  });

  it('the options a rule reads are options of the schema, explained in docs/configuration.md', () => {
    const schema = JSON.parse(read('schemas/minutes.schema.json')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    const headings = new Set(read('docs/configuration.md').split('\n').filter((l) => l.startsWith('### ')).map((l) => optionAnchor(l.slice(4).trim())));
    const options = new Set(allRules.flatMap((r: Rule) => r.options ?? []));
    assert.ok(options.size > 0);
    for (const option of options) {
      const [top, sub] = option.split('.');
      assert.ok(sub ? schema.properties[top]?.properties?.[sub] : schema.properties[top], `${option} in the schema`);
      assert.ok(headings.has(optionAnchor(option)), `${option} has a heading in docs/configuration.md`);
    }
  });

  it('the CLI lists every rule in its help and accepts each one in --rule', async () => {
    const help = fakeIo();
    assert.equal(await main(['check', '--help'], help.io), 0);
    for (const rule of allRules) assert.ok(help.stdout().includes(rule.id), `--help names ${rule.id}`);
    const unknown = fakeIo();
    assert.equal(await main(['check', '--rule', 'no-such-rule', 'test/fixtures/sample-minutes'], unknown.io), 2);
    for (const rule of allRules) assert.ok(unknown.stderr().includes(rule.id), `the usage error names ${rule.id}`);
  });
});
