// Conventions learned only from enough evidence: a meeting day needs several meetings, and a section
// worded a little differently is not missing.
import * as assert from 'node:assert/strict';
import { buildIndex } from '../../src/core/build';
import { checkAll } from '../../src/core/check';
import { cadenceOf } from '../../src/core/teams';
import { presentInOtherWords } from '../../src/core/conventions';
import { MemoryWorkspace } from './memoryWorkspace';

const meeting = (date: string) => ({ team: 'iaas', file: `iaas/${date.replace(/-/g, '')}.md`, date });

describe('conventions need enough evidence', () => {
  it('a single meeting, or two, tell no meeting day; three on a Wednesday do', () => {
    assert.equal(cadenceOf([meeting('2023-04-26')]), undefined);
    assert.equal(cadenceOf([meeting('2023-04-26'), meeting('2023-05-03')]), undefined);
    assert.deepEqual(cadenceOf([meeting('2023-04-26'), meeting('2023-05-03'), meeting('2023-05-10')])?.weekdays, [3]);
  });

  it('a weekday met on only once is not a meeting day', () => {
    const cadence = cadenceOf([meeting('2023-04-26'), meeting('2023-05-03'), meeting('2023-05-10'), meeting('2023-05-15')]);
    assert.deepEqual(cadence?.weekdays, [3], 'one Monday among Wednesdays');
  });

  it('knows a section in other words: singular or plural, more words around it', () => {
    assert.equal(presentInOtherWords('action items', new Set(['action item'])), true);
    assert.equal(presentInOtherWords('agenda', new Set(['agenda and notes'])), true);
    assert.equal(presentInOtherWords('decisions', new Set(['decision'])), true);
    assert.equal(presentInOtherWords('participants', new Set(['agenda'])), false);
    assert.equal(presentInOtherWords('next meeting', new Set(['meeting notes'])), false);
  });

  it('missing-section says nothing of a section whose heading is only worded differently', async () => {
    const files: Record<string, string> = {};
    const dates = ['20230405', '20230412', '20230419', '20230426', '20230503', '20230510', '20230517'];
    for (const d of dates) {
      files[`iaas/${d}.md`] = `# IaaS ${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}\n\n## Participants\n\n- @alice\n\n## Action Items\n\n- [ ] @bob writes it\n\n## Decisions\n\n- none\n`;
    }
    files['iaas/20230524.md'] = '# IaaS 2023-05-24\n\n## Participants\n\n- @alice\n\n## Action item\n\n- [ ] @bob writes it\n\n## Decision\n\n- none\n';
    files['iaas/20230531.md'] = '# IaaS 2023-05-31\n\n## Participants\n\n- @alice\n\n## Decisions\n\n- none\n';
    const { index } = await buildIndex(new MemoryWorkspace(files));
    const missing = checkAll(index).filter((d) => d.rule === 'missing-section');
    assert.deepEqual(missing.map((d) => [d.path, /`(.+?)`/.exec(d.message)?.[1]]), [['iaas/20230531.md', 'Action Items']]);
  });
});
