// The command and view id constants of the VS Code adapters are exactly what package.json contributes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { ROOT } from './helpers';
import { COMMAND, VIEW } from '../../src/vscode/commandIds';

const pkg = JSON.parse(fs.readFileSync(nodePath.join(ROOT, 'package.json'), 'utf8'));

describe('command and view ids', () => {
  it('names every contributed command once, and nothing else', () => {
    const contributed = (pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    const constants = Object.values(COMMAND).sort();
    assert.deepEqual(constants, contributed);
    assert.equal(new Set(constants).size, constants.length);
  });

  it('names every contributed view of the Minutes container, and nothing else', () => {
    const contributed = (pkg.contributes.views.minutes as Array<{ id: string }>).map((v) => v.id).sort();
    assert.deepEqual(Object.values(VIEW).sort(), contributed);
  });

  it('leaves no command id as a string literal in the adapters', () => {
    const ids = new Set<string>(Object.values(COMMAND));
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(nodePath.join(dir, e.name)) : e.name.endsWith('.ts') ? [nodePath.join(dir, e.name)] : []));
    for (const file of walk(nodePath.join(ROOT, 'src', 'vscode'))) {
      if (file.endsWith('commandIds.ts')) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/'(minutes\.[\w.]+)'/g)) {
        assert.ok(!ids.has(m[1]), `${nodePath.relative(ROOT, file)} names ${m[1]} through COMMAND`);
      }
    }
  });
});
