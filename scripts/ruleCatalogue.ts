// What is made from the rule registry (`src/core/rules/`): the registry's own list, the JSON
// schema's rule entries, the VS Code settings `minutes.rules.<id>` and the rule tables of the
// documentation. `npm run gen:rules` writes them; test/unit/ruleCatalogue.test.ts fails when a
// committed file differs from what this makes. Each output is a function of the committed text, so
// only the generated part of a file changes and the rest stays as written.
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { Rule } from '../src/core/rules/rule';
import { ruleDocPage } from '../src/core/rules/rule';

export const RULES_FOLDER = 'src/core/rules';
/** The registry, written from the folder's listing. */
export const REGISTRY_FILE = `${RULES_FOLDER}/index.ts`;
/** Files of the rules folder that are not rules. */
const NOT_RULES = new Set(['index.ts', 'rule.ts']);

/** The rule ids of a listing of the rules folder: every `<id>.ts` but the registry and the rule type, sorted. */
export function ruleIdsOfListing(names: readonly string[]): string[] {
  return names
    .filter((name) => /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.ts$/.test(name) && !NOT_RULES.has(name))
    .map((name) => name.slice(0, -'.ts'.length))
    .sort();
}

/** The name a rule file exports its rule as: `broken-link` → `brokenLink`. */
export function exportNameOf(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The registry's source for these rule ids. */
export function registrySource(ids: readonly string[]): string {
  return [
    '// The rule registry, written by `npm run gen:rules` from the files of this folder (do not edit):',
    '// a rule is one file `<id>.ts` here that exports `const <camelCasedId>: Rule`, its cases in',
    '// test/cases/<id>/ and its page docs/rules/<id>.md; everything that lists rules is made from it.',
    "import type { Rule } from './rule';",
    ...ids.map((id) => `import { ${exportNameOf(id)} } from './${id}';`),
    '',
    'export const allRules: readonly Rule[] = [',
    ...ids.map((id) => `  ${exportNameOf(id)},`),
    '];',
    '',
    "export type { Rule, RuleContext } from './rule';",
    '',
  ].join('\n');
}

/** A file made (in part) from the rules: its path from the repository root, and its text made from the committed one. */
export interface GeneratedFile {
  path: string;
  update(committed: string): string;
}

/** `error (also warning, info)`. */
export function severityText(rule: Rule): string {
  return rule.lesserSeverities?.length ? `${rule.defaultSeverity} (also ${rule.lesserSeverities.join(', ')})` : rule.defaultSeverity;
}

/** Every file made from these rules, the registry's list aside. */
export function ruleCatalogue(rules: readonly Rule[]): GeneratedFile[] {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [
    { path: 'README.md', update: (text) => replaceRegion(text, 'README.md', readmeTable(sorted)) },
    { path: 'docs/rules/README.md', update: (text) => replaceRegion(text, 'docs/rules/README.md', rulesPageTable(sorted)) },
    { path: 'docs/configuration.md', update: (text) => replaceRegion(text, 'docs/configuration.md', configurationTable(sorted)) },
    { path: 'schemas/minutes.schema.json', update: (text) => schemaWithRules(text, sorted) },
    { path: 'package.json', update: (text) => manifestWithRules(text, sorted) },
  ];
}

const BEGIN = '<!-- The rule table below is written by `npm run gen:rules` from src/core/rules/: do not edit it. -->';
const END = '<!-- End of the rule table. -->';

/** The text with what lies between the markers replaced by `table`. */
function replaceRegion(text: string, path: string, table: string): string {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END, begin);
  if (begin < 0 || end < 0) throw new Error(`${path}: the markers of the generated rule table are missing`);
  return `${text.slice(0, begin + BEGIN.length)}\n${table}${text.slice(end)}`;
}

/** A Markdown table cell: a `|` would end it. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function link(rule: Rule, from: string): string {
  const page = ruleDocPage(rule.id);
  const target = from === '' ? page : page.slice(from.length);
  return `[${rule.id}](${target})`;
}

function readmeTable(rules: readonly Rule[]): string {
  return ['| rule | finds |', '| --- | --- |', ...rules.map((r) => `| ${link(r, '')} | ${cell(r.finds)} |`), ''].join('\n');
}

function rulesPageTable(rules: readonly Rule[]): string {
  return [
    '| rule | severity | what it finds | quick fixes |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => `| ${link(r, 'docs/rules/')} | ${severityText(r)} | ${cell(r.finds)} | ${cell(r.quickFixes ?? '—')} |`),
    '',
  ].join('\n');
}

/** The heading anchor of an option in docs/configuration.md (`### sections.required` → `#sectionsrequired`). */
export function optionAnchor(option: string): string {
  return `#${option.toLowerCase().replace(/[^a-z0-9 -]/g, '')}`;
}

function configurationTable(rules: readonly Rule[]): string {
  return [
    '| rule id | default severity | options it reads |',
    '| --- | --- | --- |',
    ...rules.map((r) => `| [\`${r.id}\`](${ruleDocPage(r.id).slice('docs/'.length)}) | ${severityText(r)} | ${r.options?.length ? r.options.map((o) => `[\`${o}\`](${optionAnchor(o)})`).join(', ') : '—'} |`),
    '',
  ].join('\n');
}

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

function withValue(text: string, path: JSONPath, value: unknown): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: FORMAT }));
}

function schemaWithRules(text: string, rules: readonly Rule[]): string {
  const entries = Object.fromEntries(
    rules.map((r) => [r.id, { allOf: [{ $ref: '#/definitions/ruleSetting' }], description: `${r.description} Default: ${severityText(r)}.` }]),
  );
  const withEntries = withValue(text, ['properties', 'rules', 'properties'], entries);
  return withValue(withEntries, ['properties', 'ignoreRules', 'additionalProperties', 'items', 'enum'], rules.map((r) => r.id));
}

const SETTING_PREFIX = 'minutes.rules.';

function manifestWithRules(text: string, rules: readonly Rule[]): string {
  const properties = ['contributes', 'configuration', 'properties'];
  const manifest = JSON.parse(text) as { contributes?: { configuration?: { properties?: Record<string, unknown> } } };
  const present = Object.keys(manifest.contributes?.configuration?.properties ?? {});
  let out = text;
  // A rule that is gone loses its setting; the others keep their place, a new one comes last.
  for (const key of present) {
    if (key.startsWith(SETTING_PREFIX) && !rules.some((r) => SETTING_PREFIX + r.id === key)) out = withValue(out, [...properties, key], undefined);
  }
  for (const rule of rules) out = withValue(out, [...properties, SETTING_PREFIX + rule.id], ruleSetting(rule));
  return out;
}

function ruleSetting(rule: Rule): Record<string, unknown> {
  const lesser = rule.lesserSeverities?.length ? `; some findings ${rule.lesserSeverities.join(' or ')}` : '';
  return {
    type: 'string',
    enum: ['default', 'off', 'info', 'warning', 'error'],
    default: 'default',
    enumDescriptions: [
      `The rule's own severity (${rule.defaultSeverity}${lesser}).`,
      'The rule does not run.',
      'Every finding is information.',
      'Every finding is a warning.',
      'Every finding is an error.',
    ],
    markdownDescription: `\`${rule.id}\`: ${rule.description} A \`rules\` entry in the repository's \`.minutes.jsonc\` wins over this setting.`,
  };
}
