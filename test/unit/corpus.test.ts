// The issues' "done when" points on the real minutes repository (skipped when it is absent).
// Its text is read at run time, never copied into the project.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { buildIndex, type BuildResult } from '../../src/core/build';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { planWeeklyLinks } from '../../src/core/weeklyLinks';
import { applyEdits } from '../../src/core/fix';
import { repositoryActions } from '../../src/core/actions';
import { nextMeetingDate } from '../../src/core/teams';
import { isoWeekday } from '../../src/core/dates';
import { incomingLinks } from '../../src/core/refs';
import { missingTeams, meetingWeeks } from '../../src/core/weeks';
import { CORPUS } from './helpers';

describe('on the real minutes repository', function () {
  this.timeout(120_000);
  let result: BuildResult;

  before(async function () {
    if (!fs.existsSync(CORPUS) || process.env.MINUTES_CORPUS === '0') this.skip();
    result = await buildIndex(new NodeWorkspace(CORPUS));
  });

  it('lists 2023-W17 with its weekly and the IaaS, Container, Ops and IAM minutes (the Weeks view’s data)', () => {
    const w17 = result.index.weeks().find((w) => w.week === '2023-W17')!;
    assert.equal(w17.weekly?.file, 'community-call/20230427.md');
    for (const f of ['iaas/20230426.md', 'container/20230424.md', 'ops/20230427.md', 'iam/20230426.md']) assert.ok(w17.minutes.some((m) => m.file === f), f);
    assert.ok(Array.isArray(missingTeams(result.index, w17, meetingWeeks(result.index))));
  });

  it('proposes a Wednesday for the next IaaS minutes after 2024-12', () => {
    const next = nextMeetingDate(result.index.minutesOfTeam('iaas'), '2026-11-26');
    assert.equal(isoWeekday(next), 3, next);
  });

  it('finds the weekly of 2023-04-27 as a backlink of iaas/20230426.md, through its GitHub URL', () => {
    const incoming = incomingLinks(result.index, 'iaas/20230426.md');
    assert.ok(incoming.some((i) => i.from === 'community-call/20230427.md' && i.section === 'Team IaaS'), JSON.stringify(incoming.map((i) => i.from)));
  });

  it('puts back the Minutes: links the authors chose when they are removed from a weekly', () => {
    const original = fs.readFileSync(nodePath.join(CORPUS, 'community-call/20230427.md'), 'utf8');
    const stripped = original
      .split('\n')
      .filter((l) => !/^Minutes: <https:\/\/github\.com\//.test(l))
      .join('\n');
    assert.notEqual(stripped, original);
    const plan = planWeeklyLinks(result.index, 'community-call/20230427.md', stripped);
    const restored = applyEdits(stripped, plan.edits);
    for (const file of ['iaas/20230426.md', 'container/20230424.md', 'ops/20230427.md', 'iam/20230426.md']) {
      assert.ok(restored.includes(`Minutes: <https://github.com/SovereignCloudStack/minutes/blob/main/${file}>`), `${file}\n${plan.changes.join('\n')}`);
    }
    // Each goes back under its own team's section.
    const iaasSection = restored.slice(restored.indexOf('### Team IaaS'), restored.indexOf('### Team Container'));
    assert.match(iaasSection, /iaas\/20230426\.md/);
  });

  it('lists the open action items of sig-standardization, by owner', () => {
    const open = repositoryActions(result.index, { open: true, team: 'sig-standardization' });
    assert.ok(open.length > 0);
    const owners = new Set(open.map((a) => a.owner).filter(Boolean));
    assert.ok(owners.size >= 2, [...owners].join(', '));
    assert.ok(open.every((a) => !a.done && a.file.startsWith('sig-standardization/')));
  });
});
