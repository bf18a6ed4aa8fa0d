// The optional configuration file at the repository root, `.minutes.jsonc` (JSON with comments).
// Everything in it overrides what is inferred; nothing in it is needed.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from './diagnostics';

export const CONFIG_FILE = '.minutes.jsonc';

export type RuleSetting = 'off' | Severity;

export interface MinutesConfig {
  /** `owner/repo` or `https://github.com/owner/repo`. */
  repository?: string;
  /** The folder of the all-hands weekly. */
  weeklyFolder?: string;
  /** Team folders and their display names: `{ "iaas": { "name": "IaaS" } }`. */
  teams?: Record<string, { name?: string }>;
  sections?: {
    /** Canonical section names every minutes file must have (`participants`). */
    required?: string[];
    /** Other names of a section: `{ "attendees": "participants" }`. */
    aliases?: Record<string, string>;
  };
  /** The title's form, per folder or for all: `# {date}`, `# SIG Documentation on {date}`. */
  title?: string | Record<string, string>;
  /** Hosts of the pad or upload server whose images belong in the repository. */
  imageHosts?: string[];
  /** Paths not indexed or checked (globs: `*`, `**`). */
  ignore?: string[];
  /** Per rule: `off`, `info`, `warning` or `error`. */
  rules?: Record<string, RuleSetting>;
  /** Rules not checked in some files: path or glob → rule ids (`"2023/**": ["image-not-in-repo"]`). */
  ignoreRules?: Record<string, string[]>;
}

export interface ConfigLoad {
  config: MinutesConfig;
  /** Problems with the file, each with its 1-based line. */
  errors: string[];
}

const SETTINGS = new Set(['off', 'error', 'warning', 'info', 'hint']);

export function parseConfig(text: string, knownRules?: readonly string[]): ConfigLoad {
  const parseErrors: ParseError[] = [];
  const value = parse(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const errors = parseErrors.map((e) => `${CONFIG_FILE}:${lineOf(text, e.offset)}: ${printParseErrorCode(e.error)}`);
  if (value === undefined || value === null) return { config: {}, errors };
  if (typeof value !== 'object' || Array.isArray(value)) return { config: {}, errors: [...errors, `${CONFIG_FILE}: the file must hold one object`] };
  const config: MinutesConfig = {};
  const v = value as Record<string, unknown>;
  const str = (key: string) => {
    if (v[key] === undefined) return undefined;
    if (typeof v[key] === 'string') return v[key] as string;
    errors.push(`${CONFIG_FILE}: "${key}" must be a string`);
    return undefined;
  };
  config.repository = str('repository');
  config.weeklyFolder = str('weeklyFolder')?.replace(/^\/+|\/+$/g, '');
  if (v.teams !== undefined) {
    if (isObject(v.teams)) config.teams = v.teams as MinutesConfig['teams'];
    else errors.push(`${CONFIG_FILE}: "teams" must be an object of folder → { "name": … }`);
  }
  if (v.sections !== undefined) {
    const sections = v.sections as Record<string, unknown>;
    if (!isObject(sections)) errors.push(`${CONFIG_FILE}: "sections" must be an object`);
    else {
      config.sections = {};
      if (Array.isArray(sections.required) && sections.required.every((x) => typeof x === 'string')) config.sections.required = (sections.required as string[]).map((x) => x.toLowerCase());
      else if (sections.required !== undefined) errors.push(`${CONFIG_FILE}: "sections.required" must be a list of section names`);
      if (isObject(sections.aliases) && Object.values(sections.aliases as object).every((x) => typeof x === 'string')) {
        config.sections.aliases = Object.fromEntries(Object.entries(sections.aliases as Record<string, string>).map(([k, x]) => [k.toLowerCase(), x.toLowerCase()]));
      } else if (sections.aliases !== undefined) errors.push(`${CONFIG_FILE}: "sections.aliases" must map names to names`);
    }
  }
  if (typeof v.title === 'string' || isObject(v.title)) config.title = v.title as MinutesConfig['title'];
  else if (v.title !== undefined) errors.push(`${CONFIG_FILE}: "title" must be a string or an object of folder → form`);
  for (const key of ['imageHosts', 'ignore'] as const) {
    if (v[key] === undefined) continue;
    if (Array.isArray(v[key]) && (v[key] as unknown[]).every((x) => typeof x === 'string')) config[key] = v[key] as string[];
    else errors.push(`${CONFIG_FILE}: "${key}" must be a list of strings`);
  }
  if (v.rules !== undefined) {
    if (!isObject(v.rules)) errors.push(`${CONFIG_FILE}: "rules" must be an object of rule → off|info|warning|error`);
    else {
      config.rules = {};
      for (const [rule, setting] of Object.entries(v.rules as Record<string, unknown>)) {
        if (typeof setting === 'string' && SETTINGS.has(setting)) config.rules[rule] = setting as RuleSetting;
        else errors.push(`${CONFIG_FILE}: rule "${rule}" must be off, info, warning, error or hint`);
        if (knownRules && !knownRules.includes(rule)) errors.push(`${CONFIG_FILE}: there is no rule "${rule}" (rules: ${knownRules.join(', ')})`);
      }
    }
  }
  if (v.ignoreRules !== undefined) {
    if (isObject(v.ignoreRules) && Object.values(v.ignoreRules as object).every((x) => Array.isArray(x) && x.every((r) => typeof r === 'string'))) {
      config.ignoreRules = v.ignoreRules as Record<string, string[]>;
      for (const rule of Object.values(config.ignoreRules).flat()) {
        if (knownRules && !knownRules.includes(rule)) errors.push(`${CONFIG_FILE}: there is no rule "${rule}" (rules: ${knownRules.join(', ')})`);
      }
    } else errors.push(`${CONFIG_FILE}: "ignoreRules" must be an object of path → list of rules`);
  }
  return { config, errors };
}

/** Whether `.minutes.jsonc` turns `rule` off for `path` through `ignoreRules`. */
export function ruleIgnoredAt(config: MinutesConfig, rule: string, path: string): boolean {
  if (!config.ignoreRules) return false;
  let matchers = ignoreRuleMatchers.get(config);
  if (!matchers) {
    matchers = Object.entries(config.ignoreRules).map(([glob, rules]) => ({ rules, matches: ignoreMatcher([glob]) }));
    ignoreRuleMatchers.set(config, matchers);
  }
  return matchers.some((m) => m.rules.includes(rule) && m.matches(path));
}

const ignoreRuleMatchers = new WeakMap<MinutesConfig, Array<{ rules: string[]; matches: (path: string) => boolean }>>();

function isObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** `owner/repo` from the `repository` setting. */
export function repositoryOf(config: MinutesConfig): { owner: string; repo: string } | undefined {
  const m = config.repository && /^(?:https?:\/\/(?:www\.)?github\.com\/|git@github\.com:)?([^/\s:@]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(config.repository.trim());
  return m ? { owner: m[1], repo: m[2] } : undefined;
}

/** A matcher for the `ignore` globs (`*` within a segment, `**` across segments, a folder covers its contents). */
export function ignoreMatcher(globs: readonly string[] = []): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const patterns = globs.map((g) => {
    const glob = g.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    const source = glob
      .split('/')
      .map((seg) => (seg === '**' ? '.*' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
      .join('/')
      .replace(/\.\*\//g, '(?:.*/)?');
    return new RegExp(`^${source}(?:/.*)?$`);
  });
  return (path) => patterns.some((p) => p.test(path));
}
