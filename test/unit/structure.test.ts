// The code's shape, kept by a test: no class in src/ over 250 lines, no function over 100 (the
// parser's tree builder excepted, see markdown.ts), no import cycle between modules of src/.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '../../..');
const src = join(root, 'src');
const MAX_CLASS_LINES = 250;
const MAX_FUNCTION_LINES = 100;
/** Functions allowed to be longer, each with the reason written beside it in its file. */
const LONG_FUNCTIONS_ALLOWED = new Set(['src/core/markdown.ts#buildTree']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

interface Measured { file: string; name: string; kind: 'class' | 'function'; lines: number }

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (named.name) return named.name.getText(sf);
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(sf);
  return `<anonymous@${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}>`;
}

function measure(file: string): Measured[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const rel = relative(root, file).split('\\').join('/');
  const out: Measured[] = [];
  const lines = (node: ts.Node) =>
    sf.getLineAndCharacterOfPosition(node.getEnd()).line - sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      out.push({ file: rel, name: nameOf(node, sf), kind: 'class', lines: lines(node) });
    } else if (
      ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)
    ) {
      const body = (node as ts.FunctionLikeDeclaration).body;
      if (body) out.push({ file: rel, name: ts.isConstructorDeclaration(node) ? 'constructor' : nameOf(node, sf), kind: 'function', lines: lines(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Relative imports (static, re-exports and dynamic), resolved to files of src/. Type-only imports count too. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const out: string[] = [];
  for (const spec of specs) {
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
      if (candidate.endsWith('.ts') && existsSync(candidate)) { out.push(candidate); break; }
    }
  }
  return out;
}

/** Every import cycle, each as the list of files around it (Tarjan's strongly connected components). */
export function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const strong = (v: string) => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(relative(root, w)); } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) cycles.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) strong(f);
  return cycles;
}

describe('structure of src/', () => {
  const files = sourceFiles(src);
  const measured = files.flatMap(measure);

  it(`no class is longer than ${MAX_CLASS_LINES} lines`, () => {
    const long = measured.filter((m) => m.kind === 'class' && m.lines > MAX_CLASS_LINES);
    assert.deepEqual(long.map((m) => `${m.file}#${m.name}: ${m.lines}`), []);
  });

  it(`no function is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const long = measured.filter((m) => m.kind === 'function' && m.lines > MAX_FUNCTION_LINES && !LONG_FUNCTIONS_ALLOWED.has(`${m.file}#${m.name}`));
    assert.deepEqual(long.map((m) => `${m.file}#${m.name}: ${m.lines}`), []);
  });

  it('no import cycle between modules', () => {
    assert.deepEqual(importCycles(files), []);
  });

  it('the checks see what they check: they find classes, long functions and a cycle when there is one', () => {
    assert.ok(measured.some((m) => m.kind === 'class' && m.lines > 20), 'finds classes');
    assert.ok(measured.filter((m) => m.kind === 'function').length > 200, 'finds functions');
    assert.ok(files.length > 50, 'reads src/');
  });
});
