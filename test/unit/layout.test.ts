import * as assert from 'assert';
import { parseDatedPath, compileLayouts, parseWithLayouts, learnLayouts } from '../../src/core/layout';
import { parseFileName } from '../../src/core/paths';
import { parseConfig } from '../../src/core/config';
import { datesInProse } from '../../src/core/dates';

const read = (path: string) => {
  const d = parseDatedPath(path);
  return d && { team: d.team, date: d.date, role: d.role, suffix: d.suffix };
};

describe('layout: dates and teams from any layout', () => {
  it('reads the layouts recognised before', () => {
    assert.deepEqual(read('iaas/20230426.md'), { team: 'iaas', date: '2023-04-26', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('meetings/2023-04-27.md'), { team: 'meetings', date: '2023-04-27', role: 'minutes', suffix: undefined });
    // `minutes` says what the file is, not that it is another meeting of the day.
    assert.deepEqual(read('notes/2023-04-27-minutes.md'), { team: 'notes', date: '2023-04-27', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('2023-04-27-minutes.md'), { team: '.', date: '2023-04-27', role: 'minutes', suffix: undefined });
    assert.equal(read('iaas/20230710-overflow.md')?.suffix, 'overflow');
  });

  it('a year folder with month-day names: the team is the folder above the year, never the year', () => {
    assert.deepEqual(read('wg/2023/WG-04-25.md'), { team: 'wg', date: '2023-04-25', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('board/2025/board-04-15.md'), { team: 'board', date: '2025-04-15', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('forum/2021/FORUM-11-16.md'), { team: 'forum', date: '2021-11-16', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('2023/calls/01-23-minutes.md'), { team: 'calls', date: '2023-01-23', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('meetings/2019/2019-09-03.md'), { team: 'meetings', date: '2019-09-03', role: 'minutes', suffix: undefined });
    assert.equal(read('old/sig-x/2023/sig-x-02-07.md')?.team, 'old/sig-x');
    // Day first only where the first number cannot be a month.
    assert.equal(read('wg/2023/25-04.md')?.date, '2023-04-25');
  });

  it('a quarter\'s or half-year\'s folder below the year is part of the date, not a team', () => {
    assert.deepEqual(read('meeting-notes/2018/Q4/2018-12-12--js-core-weekly.md'), { team: 'meeting-notes', date: '2018-12-12', role: 'minutes', suffix: 'js-core-weekly' });
    assert.equal(parseDatedPath('meeting-notes/2018/Q4/2018-12-12--js-core-weekly.md')?.layout, 'YYYY/Qn/YYYY-MM-DD-*.md');
    assert.equal(read('board/2024/h2/2024-09-03.md')?.team, 'board');
    // Only right below a year: elsewhere `Q1` is a folder like any other.
    assert.equal(read('q1/20240103.md')?.team, 'q1');
    // Words after a dot, a dotted date, words with spaces before the date.
    assert.deepEqual(read('meetings/2019/2019-03-20.agenda.md'), { team: 'meetings', date: '2019-03-20', role: 'agenda', suffix: undefined });
    assert.deepEqual(read('wg/minutes/2019.05.14-meeting.md'), { team: 'wg/minutes', date: '2019-05-14', role: 'minutes', suffix: undefined });
    assert.equal(read('wg/minutes/2019-05-14-board-meeting.md')?.suffix, 'board-meeting');
    assert.equal(parseDatedPath('triage/T-compiler Meeting Agenda 2026-08-20.md')?.layout, 'T-compiler Meeting Agenda YYYY-MM-DD.md');
  });

  it('a year-month folder with day names, a meeting over the turn of a month', () => {
    assert.deepEqual(read('plenary/2023-01/jan-30.md'), { team: 'plenary', date: '2023-01-30', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('2023-01/jan-31.md'), { team: '.', date: '2023-01-31', role: 'minutes', suffix: undefined });
    assert.equal(read('plenary/2023-01/feb-01.md')?.date, '2023-02-01');
    assert.equal(read('plenary/2022-12/jan-02.md')?.date, '2023-01-02');
    assert.equal(read('meetings/2018-09/sept-26.md')?.date, '2018-09-26');
    assert.equal(read('meetings/2023-11/november-28.md')?.date, '2023-11-28');
    assert.equal(read('plenary/2023/03/14.md')?.date, '2023-03-14');
    assert.equal(read('plenary/2023/03/14.md')?.team, 'plenary');
  });

  it('prefixes and suffixes around a full date', () => {
    assert.deepEqual(read('wg/WG-2026-01-13.md'), { team: 'wg', date: '2026-01-13', role: 'minutes', suffix: undefined });
    assert.deepEqual(read('core/core-2024-10-21.md'), { team: 'core', date: '2024-10-21', role: 'minutes', suffix: undefined });
    assert.equal(parseDatedPath('WG-2026-01-13.md')?.prefix, 'WG');
  });

  it('agendas, slides and logs of a meeting are not its minutes, and their folders are no team', () => {
    assert.deepEqual(read('2023/calls/01-23-agenda.md'), { team: 'calls', date: '2023-01-23', role: 'agenda', suffix: undefined });
    assert.deepEqual(read('wg/slides/2023-04-25.md'), { team: 'wg', date: '2023-04-25', role: 'slides', suffix: undefined });
    assert.deepEqual(read('wg/irc-logs/2023-04-25.md'), { team: 'wg', date: '2023-04-25', role: 'log', suffix: undefined });
  });

  it('dates nothing that is not a date', () => {
    for (const path of ['README.md', 'meetings/2017-11/toc.md', 'meetings/2018-07/summary.md', 'reports/2025/2025-Q3-wg.md', 'funds/2023.md', 'iaas/20231345.md', 'wg/2023/13-13.md', 'docs/v1-2.md', 'iaas/2023-0426.md'])
      assert.equal(parseDatedPath(path), undefined, path);
  });
});

describe('layout: the configuration’s patterns', () => {
  it('compiles patterns and reads paths with them first', () => {
    const { layouts, errors } = compileLayouts(['{team}/{yyyy}/{dd}.{mm}.md', 'bad/{yyyy}.md', '{team}/{x}.md']);
    assert.equal(layouts.length, 1);
    assert.equal(errors.length, 2);
    assert.deepEqual(parseWithLayouts('wg/2023/25.04.md', layouts)?.date, '2023-04-25');
    assert.equal(parseFileName('wg/2023/25.04.md', layouts).team, 'wg');
    assert.equal(parseFileName('wg/2023/25.04.md').date, undefined);
  });

  it('refuses patterns that would make matching slow (they come from the repository), and stays fast on long paths', () => {
    const hostile = ['{team}{team}{team}{team}/{yyyy}-{mm}-{dd}.md', '**/**/**/**/{yyyy}-{mm}-{dd}.md', '*-*-*-*/{yyyy}-{mm}-{dd}.md', `${'a'.repeat(300)}/{yyyy}-{mm}-{dd}.md`];
    const { layouts, errors } = compileLayouts(hostile);
    assert.equal(layouts.length, 0);
    assert.equal(errors.length, hostile.length);
    const { layouts: kept } = compileLayouts(['{team}/*-{yyyy}-{mm}-{dd}.md']);
    const started = Date.now();
    for (let i = 0; i < 200; i++) parseWithLayouts(`${'a-'.repeat(250)}/x.md`, kept);
    assert.ok(Date.now() - started < 2000, 'a long path is read quickly');
    assert.equal(parseWithLayouts('wg/x-2023-04-25.md', kept)?.date, '2023-04-25');
  });

  it('reports a bad pattern in .minutes.jsonc', () => {
    const { config, errors } = parseConfig('{ "layout": ["{team}/{yyyy}.md"] }');
    assert.deepEqual(config.layout, ['{team}/{yyyy}.md']);
    assert.match(errors.join('\n'), /layout "\{team\}\/\{yyyy\}\.md": a layout needs/);
    assert.deepEqual(parseConfig('{ "layout": 3 }').errors.length, 1);
  });
});

describe('layout: what a repository’s files say', () => {
  it('sums up the forms per team', () => {
    const files = ['wg/2023/WG-04-25.md', 'wg/2023/WG-05-02.md', 'wg/2024/WG-01-09.md', 'wg/WG-2022-12-06.md', 'iaas/20230426.md'].map((path) => ({ path, name: parseFileName(path) }));
    assert.deepEqual(learnLayouts(files).map((l) => [l.team, l.forms.map((f) => `${f.layout} ${f.files}`)]), [
      ['iaas', ['YYYYMMDD.md 1']],
      ['wg', ['YYYY/WG-MM-DD.md 3', 'WG-YYYY-MM-DD.md 1']],
    ]);
  });
});

describe('dates: titles that write the date in another form', () => {
  it('reads 02/09/2015 both ways, 9.2.2015, January 30, 2023 and 30 January 2023', () => {
    assert.deepEqual(datesInProse('Roadmap meeting of 02/09/2015'), ['2015-02-09', '2015-09-02']);
    assert.deepEqual(datesInProse('Treffen am 9.2.2015'), ['2015-09-02', '2015-02-09']);
    assert.deepEqual(datesInProse('# Plenary, January 30, 2023'), ['2023-01-30']);
    assert.deepEqual(datesInProse('# Plenary 30th Jan. 2023'), ['2023-01-30']);
    assert.deepEqual(datesInProse('# Release 1.2.3 and 13/13/2023'), []);
  });
});
