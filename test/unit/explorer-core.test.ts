// Weeks, teams, cadence, navigation and new-minutes text: the core behind the Minutes views.
import * as assert from 'node:assert/strict';
import { buildIndex } from '../../src/core/build';
import { MemoryWorkspace } from './memoryWorkspace';
import { cadenceOf, guessTeamName, nextMeetingDate, teamDisplayNames } from '../../src/core/teams';
import { weekLabel, missingTeams, meetingWeeks } from '../../src/core/weeks';
import { adjacentMinutes, parseDateQuery, meetingsFor } from '../../src/core/navigation';
import { fillTemplate, skeletonFromLatest, defaultSkeleton } from '../../src/core/newMinutes';
import { githubUrl, relativeLink, defaultBranch } from '../../src/core/github';
import type { TeamMinutes } from '../../src/core/index';
import { fixtureWorkspace } from './helpers';

const minutes = (team: string, dates: string[]): TeamMinutes[] => dates.map((date) => ({ team, date, file: `${team}/${date.replace(/-/g, '')}.md` }));

describe('teams', () => {
  it('guesses display names from folder names', () => {
    assert.equal(guessTeamName('iaas'), 'IaaS');
    assert.equal(guessTeamName('sig-standardization'), 'SIG Standardization');
    assert.equal(guessTeamName('sig-monitoring-audit-log-wg'), 'SIG Monitoring Audit Log WG');
    assert.equal(guessTeamName('container'), 'Container');
  });

  it('learns display names from the weekly’s team sections', async () => {
    const { index } = await buildIndex(fixtureWorkspace());
    const names = teamDisplayNames(index);
    assert.equal(names.get('iaas'), 'IaaS');
    assert.equal(names.get('iam'), 'IAM');
    assert.equal(names.get('sig-standardization'), 'SIG Standardization');
  });

  it('finds the weekday a team meets on, weighting recent meetings', () => {
    assert.deepEqual(cadenceOf(minutes('iaas', ['2023-04-05', '2023-04-12', '2023-04-19', '2023-04-26']))?.weekdays, [3]);
    // A team that moved from Thursday to Tuesday: the recent day wins.
    const moved = cadenceOf(minutes('ops', ['2023-03-02', '2023-03-09', '2023-03-16', '2023-03-21', '2023-03-28', '2023-04-04', '2023-04-11']));
    assert.equal(moved?.weekdays[0], 2);
    assert.equal(cadenceOf(minutes('sig', ['2023-01-05', '2023-01-19', '2023-02-02', '2023-02-16']))?.intervalDays, 14);
  });

  it('ignores suffixed extra meetings when finding the weekday', () => {
    const list = [...minutes('iaas', ['2023-07-05', '2023-07-12', '2023-07-19']), { team: 'iaas', date: '2023-07-10', file: 'iaas/20230710-overflow.md' }];
    assert.deepEqual(cadenceOf(list)?.weekdays, [3]);
  });

  it('proposes the next meeting on the usual weekday', () => {
    const iaas = minutes('iaas', ['2024-11-27', '2024-12-04', '2024-12-11']);
    assert.equal(nextMeetingDate(iaas, '2026-11-25'), '2026-11-25'); // a Wednesday itself
    assert.equal(nextMeetingDate(iaas, '2026-11-26'), '2026-12-02');
  });
});

describe('weeks', () => {
  it('labels weeks with their days, across months and years', () => {
    assert.equal(weekLabel('2023-W17', '2023-04-24', '2023-04-30'), '2023-W17 · 24–30 Apr');
    assert.equal(weekLabel('2026-W53', '2026-12-28', '2027-01-03'), '2026-W53 · 28 Dec – 3 Jan');
  });

  it('names teams that usually meet but have no minutes that week', async () => {
    const { index } = await buildIndex(fixtureWorkspace());
    const met = meetingWeeks(index);
    const w02 = index.weeks().find((w) => w.week === '2027-W02')!;
    assert.ok(missingTeams(index, w02, met).includes('iam'));
    const w47 = index.weeks().find((w) => w.week === '2026-W47')!;
    assert.ok(!missingTeams(index, w47, met).includes('community-call'), 'the weekly folder is not a team');
  });
});

describe('navigation', () => {
  it('understands dates, weeks and relative phrases', () => {
    const today = '2026-11-25';
    assert.deepEqual(parseDateQuery('2023-04-27', today), { start: '2023-04-27', end: '2023-04-27', label: '2023-04-27' });
    assert.deepEqual(parseDateQuery('20230427', today)?.start, '2023-04-27');
    assert.deepEqual(parseDateQuery('2023-W17', today), { start: '2023-04-24', end: '2023-04-30', label: '2023-W17' });
    assert.equal(parseDateQuery('last week', today)?.label, '2026-W47');
    assert.equal(parseDateQuery('this week', today)?.label, '2026-W48');
    assert.equal(parseDateQuery('2 weeks ago', today)?.label, '2026-W46');
    assert.equal(parseDateQuery('yesterday', today)?.start, '2026-11-24');
    assert.equal(parseDateQuery('W1', today)?.label, '2026-W01');
    assert.equal(parseDateQuery('2021-W53', today), undefined, '2021 has no week 53');
    assert.equal(parseDateQuery('2023-02-30', today), undefined);
    assert.equal(parseDateQuery('soon', today), undefined);
  });

  it('moves to the next and previous meeting of the same team across a year boundary', async () => {
    const { index } = await buildIndex(fixtureWorkspace());
    assert.equal(adjacentMinutes(index, 'iaas/20261230.md', 1)?.file, 'iaas/20270106.md');
    assert.equal(adjacentMinutes(index, 'iaas/20270106.md', -1)?.file, 'iaas/20261230.md');
    assert.equal(adjacentMinutes(index, 'community-call/20261231.md', 1)?.file, 'community-call/20270107.md');
    assert.equal(adjacentMinutes(index, 'iaas/template.md', 1), undefined);
  });

  it('picks the meetings of a week, or the nearest one', async () => {
    const { index } = await buildIndex(fixtureWorkspace());
    const w53 = meetingsFor(index, parseDateQuery('2026-W53', '2026-11-25')!, 'iaas');
    assert.deepEqual(w53, { exact: true, minutes: [{ team: 'iaas', file: 'iaas/20261230.md', date: '2026-12-30' }] });
    const near = meetingsFor(index, parseDateQuery('2026-12-24', '2026-11-25')!, 'iaas');
    assert.equal(near.exact, false);
    // Six days after beats eight days before.
    assert.deepEqual(near.minutes.map((m) => m.file), ['iaas/20261230.md']);
  });
});

describe('new minutes', () => {
  it('fills a template’s date placeholders, or its title', () => {
    assert.equal(fillTemplate('# YYYY-MM-DD\n\n## Participants\n', '2027-01-20'), '# 2027-01-20\n\n## Participants\n');
    assert.equal(fillTemplate('# Ops {{ date }}\n', '2027-01-20'), '# Ops 2027-01-20\n');
    assert.equal(fillTemplate('# Ops Meeting 2020-01-01\n\n## Agenda\n', '2027-01-20'), '# Ops Meeting 2027-01-20\n\n## Agenda\n');
  });

  it('copies the section skeleton of the latest minutes with the title written the team’s way', async () => {
    const ws = new MemoryWorkspace({
      'sig-docs/20230419.md': '# SIG Documentation on 2023-04-19\n\n## Participants\n\n- @a\n',
      'sig-docs/20230426.md': '# SIG Documentation on 2023-04-26\n\n## Participants\n\n- @a\n- @b\n\n## Agenda\n\n1. Docs\n\n### Next steps\n\ntext\n',
    });
    const { index } = await buildIndex(ws);
    assert.equal(skeletonFromLatest(index, 'sig-docs', '2023-05-03'), '# SIG Documentation on 2023-05-03\n\n## Participants\n\n## Agenda\n\n### Next steps\n');
    assert.match(defaultSkeleton('IaaS', '2023-05-03'), /^# IaaS 2023-05-03\n/);
  });
});

describe('GitHub URLs and relative links', () => {
  it('builds the URL of a path on the branch the files link to', async () => {
    const { index } = await buildIndex(fixtureWorkspace());
    assert.equal(defaultBranch(index), 'main');
    assert.equal(githubUrl(index, 'iaas/20261104.md'), 'https://github.com/example-org/minutes/blob/main/iaas/20261104.md');
    assert.equal(githubUrl(index, 'iaas/my notes.md'), 'https://github.com/example-org/minutes/blob/main/iaas/my%20notes.md');
  });

  it('writes relative links between repository paths', () => {
    assert.equal(relativeLink('community-call/20230427.md', 'iaas/20230426.md'), '../iaas/20230426.md');
    assert.equal(relativeLink('iaas/20230419.md', 'iaas/20230426.md'), '20230426.md');
    assert.equal(relativeLink('README.md', 'iaas/20230426.md'), 'iaas/20230426.md');
    assert.equal(relativeLink('a/b/c.md', 'a/d.md'), '../d.md');
  });
});
