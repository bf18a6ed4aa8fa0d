// One small repository per layout (test/fixtures/layouts/<layout>/repo): every dated file must be in
// `minutes weeks` with its team and date, agendas, slides and logs beside their meeting's minutes,
// and the layout learned must show in the text output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { main } from '../../src/cli/main';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { buildIndex } from '../../src/core/build';
import { conventionsReport } from '../../src/core/conventionsReport';
import { checkAll } from '../../src/core/check';
import { ROOT, cleanup, fakeIo, makeTempDir, writeFiles } from './helpers';

const LAYOUTS = nodePath.join(ROOT, 'test/fixtures/layouts');

interface WeekJson {
  weekly: { file: string; date: string } | null;
  minutes: Array<{ team: string; file: string; date: string; role?: string; related?: Array<{ file: string; role: string }> }>;
}

describe('layouts: one repository per layout', () => {
  for (const layout of fs.readdirSync(LAYOUTS).sort()) {
    const repo = nodePath.join(LAYOUTS, layout, 'repo');
    const expected = JSON.parse(fs.readFileSync(nodePath.join(LAYOUTS, layout, 'expected.json'), 'utf8')) as { files: Array<[string, string, string]> };

    it(`${layout}: every dated file is in minutes weeks with its team and date`, async () => {
      const io = fakeIo(repo);
      assert.equal(await main(['weeks', '.', '--format', 'json'], io.io), 0);
      const seen = new Map<string, { team: string; date: string }>();
      for (const w of JSON.parse(io.stdout()) as WeekJson[]) {
        if (w.weekly) seen.set(w.weekly.file, { team: '(weekly)', date: w.weekly.date });
        for (const m of w.minutes) {
          seen.set(m.file, { team: m.team, date: m.date });
          for (const r of m.related ?? []) seen.set(r.file, { team: m.team, date: m.date });
        }
      }
      for (const [file, team, date] of expected.files) assert.deepEqual(seen.get(file), { team, date }, file);
      assert.equal(seen.size, expected.files.length, 'nothing else is dated');
    });

    it(`${layout}: the layout shows in the weeks text and in Show Conventions; no convention finding`, async () => {
      const io = fakeIo(repo);
      assert.equal(await main(['weeks', '.'], io.io), 0);
      assert.match(io.stdout(), /^Layouts \(team: the forms of its paths/m);
      const { index } = await buildIndex(new NodeWorkspace(repo));
      assert.match(conventionsReport(index), /- Layout: `/);
      const conventionFindings = checkAll(index).filter((d) => ['missing-section', 'section-order', 'link-form', 'file-name', 'title-date'].includes(d.rule));
      assert.deepEqual(conventionFindings.map((d) => `${d.path}:${d.range.start.line + 1} ${d.rule}: ${d.message}`), []);
    });
  }

  it('agendas, slides and logs go with their meeting’s minutes', async () => {
    const io = fakeIo(nodePath.join(LAYOUTS, 'year-team-companions', 'repo'));
    assert.equal(await main(['weeks', '.', '--format', 'json'], io.io), 0);
    const minutes = (JSON.parse(io.stdout()) as WeekJson[]).flatMap((w) => w.minutes);
    const jan23 = minutes.filter((m) => m.date === '2023-01-23');
    assert.deepEqual(jan23.map((m) => m.file), ['2023/calls/01-23-minutes.md']);
    assert.deepEqual(jan23[0].related, [
      { file: '2023/calls/01-23-agenda.md', role: 'agenda' },
      { file: '2023/calls/slides/01-23-roadmap.md', role: 'slides' },
    ]);
  });
});

describe('refs from outside the repository', () => {
  it('finds the repository of its FILE argument (no git, a year folder)', async () => {
    const dir = makeTempDir();
    try {
      writeFiles(nodePath.join(dir, 'minutes'), {
        'wg/2023/WG-04-25.md': '# WG 2023-04-25\n\n## Notes\n\n- text\n',
        'weekly/2023-04-27.md': '# Weekly 2023-04-27\n\n## WG\n\n[minutes](../wg/2023/WG-04-25.md)\n',
      });
      fs.mkdirSync(nodePath.join(dir, 'elsewhere'));
      const io = fakeIo(nodePath.join(dir, 'elsewhere'));
      assert.equal(await main(['refs', nodePath.join(dir, 'minutes', 'wg', '2023', 'WG-04-25.md'), '--format', 'json'], io.io), 0);
      assert.match(io.stdout(), /weekly\/2023-04-27\.md/);
    } finally {
      cleanup(dir);
    }
  });
});
