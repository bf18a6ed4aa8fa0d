// Tests for snippets/minutes.json (contributed for the markdown language): shape, prefixes and
// snippet syntax, checked with a strict parser of VS Code's snippet grammar
// (https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar). VS Code itself is
// lenient: a malformed `${…}` silently becomes literal text, so these checks are stricter.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

import { ROOT } from './helpers';
const SNIPPETS_REL = 'snippets/minutes.json';
const SNIPPETS = nodePath.join(ROOT, SNIPPETS_REL);
const VSCODE_MARKDOWN_SNIPPETS = nodePath.join(
  ROOT,
  'test/host/runtime/node_modules/code-server/lib/vscode/extensions/markdown-basics/snippets/markdown.code-snippets',
);
/** Prefixes of VS Code's built-in Markdown snippets (markdown-basics), used when the file is not installed. */
const BUILTIN_MARKDOWN_PREFIXES = [
  'bold', 'italic', 'quote', 'code', 'fenced codeblock', 'heading1', 'heading2', 'heading3', 'heading4', 'heading5',
  'heading6', 'unordered list', 'ordered list', 'horizontal rule', 'link', 'image', 'strikethrough',
];

/** Variables VS Code resolves in snippets (others would silently become placeholders). */
const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME',
  'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME',
  'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER', 'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH',
  'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT',
  'CURRENT_HOUR', 'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET', 'RANDOM',
  'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

// ---------------------------------------------------------------------------------------------
// A strict snippet parser

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[]; choices?: string[] }
  | { kind: 'variable'; name: string; children: SnippetNode[] };

class SnippetSyntaxError extends Error {}

function parseSnippet(source: string): SnippetNode[] {
  let pos = 0;
  const fail = (msg: string): never => {
    throw new SnippetSyntaxError(`${msg} at offset ${pos} in ${JSON.stringify(source)}`);
  };
  const readInt = () => {
    const m = /^[0-9]+/.exec(source.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]);
  };
  const readName = () => {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(source.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return m[0];
  };

  // Parses until `}` (nested) or the end (top level).
  const parseSequence = (nested: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < source.length) {
      const c = source[pos];
      if (c === '\\' && /[$}\\]/.test(source[pos + 1] ?? '')) {
        text += source[pos + 1];
        pos += 2;
      } else if (c === '$') {
        flush();
        nodes.push(parseDollar());
      } else if (c === '}') {
        if (!nested) fail('unbalanced "}" (escape it as \\})');
        flush();
        return nodes;
      } else {
        text += c;
        pos++;
      }
    }
    if (nested) fail('unterminated "${"');
    flush();
    return nodes;
  };

  const parseDollar = (): SnippetNode => {
    pos++; // $
    if (source[pos] !== '{') {
      const index = readInt();
      if (index !== undefined) return { kind: 'tabstop', index, children: [] };
      const name = readName();
      if (name !== undefined) return { kind: 'variable', name, children: [] };
      return fail('"$" not followed by a tab stop or variable (escape it as \\$)');
    }
    pos++; // {
    const index = readInt();
    if (index !== undefined) {
      if (source[pos] === '}') {
        pos++;
        return { kind: 'tabstop', index, children: [] };
      }
      if (source[pos] === ':') {
        pos++;
        return { kind: 'tabstop', index, children: parseSequence(true).concat(closeBrace()) };
      }
      if (source[pos] === '|') {
        pos++;
        const choices: string[] = [];
        let option = '';
        for (;;) {
          if (pos >= source.length) fail('unterminated choice');
          const c = source[pos];
          if (c === '\\' && /[,|\\$}]/.test(source[pos + 1] ?? '')) {
            option += source[pos + 1];
            pos += 2;
          } else if (c === ',' || c === '|') {
            if (!option) fail('empty choice option (VS Code would insert the whole choice as text)');
            choices.push(option);
            option = '';
            pos++;
            if (c === '|') {
              if (source[pos] !== '}') fail('choice must end with "|}"');
              pos++;
              return { kind: 'tabstop', index, children: [{ kind: 'text', value: choices[0] }], choices };
            }
          } else {
            option += c;
            pos++;
          }
        }
      }
      return fail('expected "}", ":" or "|" after the tab stop number');
    }
    const name = readName();
    if (name === undefined) return fail('"${" not followed by a number or a variable name');
    if (source[pos] === '}') {
      pos++;
      return { kind: 'variable', name, children: [] };
    }
    if (source[pos] === ':') {
      pos++;
      return { kind: 'variable', name, children: parseSequence(true).concat(closeBrace()) };
    }
    return fail('expected "}" or ":" after the variable name (transforms are not used here)');
  };

  const closeBrace = (): SnippetNode[] => {
    if (source[pos] !== '}') fail('expected "}"');
    pos++;
    return [];
  };

  return parseSequence(false);
}

function walk(nodes: SnippetNode[], visit: (n: SnippetNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind !== 'text') walk(n.children, visit);
  }
}

/** The text VS Code would insert when every placeholder keeps its default. */
function render(nodes: SnippetNode[], variables: Record<string, string>): string {
  return nodes
    .map((n) => {
      if (n.kind === 'text') return n.value;
      if (n.kind === 'variable') return variables[n.name] ?? render(n.children, variables);
      return render(n.children, variables);
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description: string;
  scope?: string;
}

const raw = fs.readFileSync(SNIPPETS, 'utf8');
const snippets = JSON.parse(raw) as Record<string, SnippetDefinition>;
const bodyText = (s: SnippetDefinition) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const prefixes = (s: SnippetDefinition) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const VARIABLES = { CURRENT_YEAR: '2031', CURRENT_MONTH: '02', CURRENT_DATE: '13' };

function snippetByPrefix(prefix: string): SnippetDefinition {
  const found = Object.values(snippets).find((s) => prefixes(s).includes(prefix));
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found;
}

describe('snippets/minutes.json', () => {
  it('is plain JSON (no comments) with at least the five expected snippets', () => {
    assert.equal(typeof snippets, 'object');
    for (const p of ['min-new', 'min-participants', 'min-agenda', 'min-ai', 'min-decision']) snippetByPrefix(p);
  });

  it('leaves min-team to the completions, which know the repository (no fixed team list, no ORG placeholder)', () => {
    assert.ok(!Object.values(snippets).some((s) => prefixes(s).includes('min-team')));
    assert.doesNotMatch(JSON.stringify(snippets), /\bORG\b|github\.com/);
  });

  for (const [name, s] of Object.entries(snippets)) {
    describe(name, () => {
      it('has prefix, body and description of the right types', () => {
        assert.ok(typeof s.prefix === 'string' || (Array.isArray(s.prefix) && s.prefix.length > 0), 'prefix');
        for (const p of prefixes(s)) assert.equal(typeof p, 'string');
        assert.ok(typeof s.body === 'string' || (Array.isArray(s.body) && s.body.every((l) => typeof l === 'string')), 'body');
        assert.ok(bodyText(s).trim().length > 0, 'empty body');
        assert.equal(typeof s.description, 'string');
        assert.ok(s.description.trim().length > 10, 'description too short');
        assert.equal(s.scope, undefined, 'the language comes from contributes.snippets, not from "scope"');
        assert.deepEqual(Object.keys(s).filter((k) => !['prefix', 'body', 'description'].includes(k)), []);
      });

      it('uses memorable min-… prefixes', () => {
        for (const p of prefixes(s)) assert.match(p, /^min-[a-z]+(-[a-z]+)*$/);
      });

      it('is valid snippet syntax: balanced ${…}, numbered tab stops 1..n, one $0, known variables', () => {
        const nodes = parseSnippet(bodyText(s));
        const stops: number[] = [];
        walk(nodes, (n) => {
          if (n.kind === 'tabstop') stops.push(n.index);
          if (n.kind === 'variable') assert.ok(KNOWN_VARIABLES.has(n.name), `unknown variable $${n.name} (VS Code would make it a placeholder)`);
          if (n.kind === 'tabstop' && n.choices) assert.ok(n.choices.length >= 2, 'a choice needs two options');
        });
        assert.equal(stops.filter((i) => i === 0).length, 1, 'exactly one $0 (final cursor)');
        const numbered = [...new Set(stops.filter((i) => i > 0))].sort((a, b) => a - b);
        assert.deepEqual(numbered, numbered.map((_, i) => i + 1), `tab stops must be numbered 1..n without gaps: ${numbered}`);
        // Each number is used once: mirrors are not intended in these snippets.
        assert.equal(stops.filter((i) => i > 0).length, numbered.length, 'a tab stop number is used twice');
      });
    });
  }

  it('prefixes are unique and do not collide with VS Code’s own Markdown snippets', () => {
    const all = Object.values(snippets).flatMap(prefixes);
    assert.equal(new Set(all).size, all.length, 'duplicate prefix');
    let builtin = BUILTIN_MARKDOWN_PREFIXES;
    if (fs.existsSync(VSCODE_MARKDOWN_SNIPPETS)) {
      const installed = JSON.parse(fs.readFileSync(VSCODE_MARKDOWN_SNIPPETS, 'utf8')) as Record<string, SnippetDefinition>;
      builtin = Object.values(installed).flatMap(prefixes);
    }
    for (const p of all) {
      for (const b of builtin) {
        assert.ok(!b.startsWith(p) && !p.startsWith(b), `prefix ${p} collides with built-in ${b}`);
      }
    }
  });

  it('the strict parser rejects broken snippets (self-test)', () => {
    for (const bad of ['${1:unclosed', 'stray } brace', '${1|a,|}', '${1|a,b}', '$ alone', '${x y}']) {
      assert.throws(() => parseSnippet(bad), SnippetSyntaxError, bad);
    }
    assert.doesNotThrow(() => parseSnippet('\\$5 and \\} and ${1:a ${2:b}} $0'));
  });

  describe('inserted text', () => {
    it('min-ai inserts "- _AI @handle: text_"', () => {
      const text = render(parseSnippet(bodyText(snippetByPrefix('min-ai'))), VARIABLES);
      assert.match(text, /^- _AI @[A-Za-z0-9-]+: [^_]+_$/);
    });

    it('min-new inserts a dated title and the standard sections, in order', () => {
      const text = render(parseSnippet(bodyText(snippetByPrefix('min-new'))), VARIABLES);
      const headings = text.split('\n').filter((l) => l.startsWith('#'));
      assert.deepEqual(headings, ['# Team 2031-02-13', '## Participants', '## Agenda', '## Notes', '## Decisions', '## Action items']);
      assert.match(text, /^- _AI @handle: .+_$/m);
    });

    it('min-participants, min-agenda and min-decision insert their sections', () => {
      assert.match(render(parseSnippet(bodyText(snippetByPrefix('min-participants'))), VARIABLES), /^## Participants\n\n- @\w+/);
      assert.match(render(parseSnippet(bodyText(snippetByPrefix('min-agenda'))), VARIABLES), /^## Agenda\n\n1\. .+\n2\. /);
      assert.match(render(parseSnippet(bodyText(snippetByPrefix('min-decision'))), VARIABLES), /^- Decision: \S/);
    });
  });

  it('package.json contributes this file for markdown', function () {
    const pkg = JSON.parse(fs.readFileSync(nodePath.join(ROOT, 'package.json'), 'utf8'));
    const entries: Array<{ language?: string; path?: string }> = pkg.contributes?.snippets ?? [];
    const entry = entries.find((e) => nodePath.normalize(e.path ?? '') === nodePath.normalize(`./${SNIPPETS_REL}`));
    assert.ok(entry, 'package.json contributes the snippets');
    assert.equal(entry.language, 'markdown');
  });
});
