// Every rule on the sample repository: exactly the findings listed (checked by hand) in its expected file.
import * as assert from 'node:assert/strict';
import { buildIndex } from '../../src/core/build';
import { checkAll } from '../../src/core/check';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { allRules } from '../../src/core/rules/index';
import { FIXTURE, loadExpected, shortFinding } from './helpers';

describe('all rules on the sample repository', () => {
  it('report exactly the hand-checked findings, nothing more', async () => {
    const expected = loadExpected() as ReturnType<typeof loadExpected> & { findings: string[] };
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    const got = checkAll(index).map(shortFinding);
    assert.deepEqual(got, expected.findings);
  });

  it('cover every deliberate defect the fixture lists', async () => {
    const expected = loadExpected();
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    const found = checkAll(index);
    for (const defect of expected.otherDefects) {
      assert.ok(found.some((d) => d.path === defect.file && d.rule === defect.rule), `${defect.rule} in ${defect.file}: ${defect.note}`);
    }
  });

  it('have unique ids, a description and a documentation page each', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('./helpers');
    const ids = allRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of allRules) {
      assert.ok(rule.description.length > 10, rule.id);
      assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
    }
  });
});
