// The optional configuration file at the repository root, `.minutes.jsonc` (JSON with comments).
// Everything in it overrides what is inferred; nothing in it is needed.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from './diagnostics';
import { compileLayouts } from './layout';

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
  /**
   * Where paths keep team and date, tried before the built-in layouts: `{team}/{yyyy}/*-{mm}-{dd}.md`
   * (placeholders `{team}`, `{yyyy}`, `{mm}`, `{m}`, `{dd}`, `{d}`, `{mon}`; `*`, `**`).
   */
  layout?: string[];
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
  if (v.layout !== undefined) {
    const list = typeof v.layout === 'string' ? [v.layout] : v.layout;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) {
      const { errors: layoutErrors } = compileLayouts(list as string[]);
      for (const e of layoutErrors) errors.push(`${CONFIG_FILE}: ${e}`);
      config.layout = list as string[];
    } else errors.push(`${CONFIG_FILE}: "layout" must be a pattern or a list of patterns such as "{team}/{yyyy}/*-{mm}-{dd}.md"`);
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

/** More globs, or longer ones, are not a configuration a person wrote; the excess is ignored (the
 * total work per path stays bounded: 200 globs of 256 characters). */
const MAX_GLOBS = 200;
const MAX_GLOB_LENGTH = 256;

/**
 * A matcher for the `ignore` globs (`*` and `?` within a segment, `**` across segments, a folder
 * covers its contents). The globs come from the repository, so they are matched without regular
 * expressions: segment by segment with a table (no backtracking), in time proportional to the
 * glob's length times the path's.
 */
export function ignoreMatcher(globs: readonly string[] = []): (path: string) => boolean {
  const patterns = globs
    .slice(0, MAX_GLOBS)
    .filter((g) => g.length <= MAX_GLOB_LENGTH)
    .map((g) => g.replace(/^\.?\/+/, '').replace(/\/+$/, ''))
    .filter((g) => g !== '')
    .map((g) => g.split('/').filter((seg, i, all) => !(seg === '**' && all[i - 1] === '**')));
  if (patterns.length === 0) return () => false;
  return (path) => {
    const segments = path.split('/');
    return patterns.some((p) => matchSegments(p, segments));
  };
}

/** True when the glob's segments match the path's first segments (a folder covers its contents). */
function matchSegments(glob: readonly string[], path: readonly string[]): boolean {
  // reach[j]: the glob's segments so far can match exactly the path's first j segments.
  let reach = new Array<boolean>(path.length + 1).fill(false);
  reach[0] = true;
  for (const seg of glob) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (seg === '**') {
      // Zero or more whole segments.
      let any = false;
      for (let j = 0; j <= path.length; j++) {
        any ||= reach[j];
        next[j] = any;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reach[j] && matchSegment(seg, path[j])) next[j + 1] = true;
    }
    reach = next;
    if (!reach.includes(true)) return false;
  }
  return reach.some((r, j) => r && j > 0);
}

/** `*` (any run of characters) and `?` (one character) within one segment, by the two-pointer method: linear in practice, never exponential. */
export function matchSegment(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === '?' || (glob[g] !== '*' && glob[g] === name[n]))) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = n;
    } else if (star >= 0) {
      g = star + 1;
      n = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}
