// Every rule on the sample repository: exactly the findings listed (checked by hand) in its expected file.
import * as assert from 'node:assert/strict';
import { buildIndex } from '../../src/core/build';
import { checkAll } from '../../src/core/check';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { allRules } from '../../src/core/rules/index';
import { FIXTURE, loadExpected, shortFinding } from './helpers';
import { MemoryWorkspace } from './memoryWorkspace';

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

describe('file-name: names that look dated but are not', () => {
  it('suggests the name as written with two-digit month and day, in the file\'s own folder', async () => {
    const files: Record<string, string> = {};
    for (const d of ['2019-11-04', '2019-11-18', '2019-12-02', '2019-12-16']) files[`wg-outreach/meeting-notes/${d}.md`] = `# Meeting ${d}\n`;
    files['wg-outreach/meeting-notes/2019-12-9.md'] = '# Meeting 2019-12-09\n';
    files['wg-outreach/meeting-notes/2020-6-3_notes.md'] = '# Meeting\n';
    files['wg-outreach/meeting-notes/2019-13-40.md'] = '# Meeting\n';
    const { index } = await buildIndex(new MemoryWorkspace(files));
    const found = checkAll(index).filter((d) => d.rule === 'file-name');
    const by = (name: string) => found.find((d) => d.path.endsWith(name));
    assert.match(by('2019-12-9.md')!.message, /did you mean `2019-12-09\.md`\?/);
    assert.deepEqual((by('2019-12-9.md')!.fixes ?? []).map((f) => f.renameTo), ['wg-outreach/meeting-notes/2019-12-09.md']);
    assert.match(by('2020-6-3_notes.md')!.message, /did you mean `2020-06-03_notes\.md`\?/);
    assert.match(by('2019-13-40.md')!.message, /is not a valid date \(YYYYMMDD or YYYY-MM-DD\)\.$/);
    assert.deepEqual(by('2019-13-40.md')!.fixes ?? [], []);
  });
});

describe('broken-link: web addresses written as paths', () => {
  it('a host name without https:// and an address in doubled parentheses or inside a link get the address as a fix', async () => {
    const text = [
      '# 2025-06-11',
      '',
      '- [Julia](julialang.org) and [the forum](discuss.example.org/t/5) and [PR](github.com/org/repo/pull/578)',
      '- [issue]((https://github.com/org/repo/issues/5287))',
      '- [x]([https://www.example.org/a/](https://www.example.org/a/))',
      '- [notes](notes.md) [script](run.sh) [data](table.csv) [page](index.html)',
      '',
    ].join('\n');
    const { index } = await buildIndex(new MemoryWorkspace({ 'ops/20250611.md': text }));
    const found = checkAll(index).filter((d) => d.rule === 'broken-link');
    const by = (raw: string) => found.find((d) => d.message.startsWith(`\`${raw}`));
    assert.match(by('julialang.org')!.message, /a web address needs `https:\/\/`\. Did you mean `https:\/\/julialang\.org`\?/);
    assert.match(by('discuss.example.org/t/5')!.message, /`https:\/\/discuss\.example\.org\/t\/5`/);
    assert.match(by('github.com/org/repo/pull/578')!.message, /`https:\/\/github\.com\/org\/repo\/pull\/578`/);
    assert.match(by('(https://github.com/org/repo/issues/5287)')!.message, /the address `https:\/\/github\.com\/org\/repo\/issues\/5287` is inside brackets or parentheses/);
    assert.match(by('[https://www.example.org/a/]')!.message, /the address `https:\/\/www\.example\.org\/a\/` is inside/);
    // Files that do not exist are still just missing files.
    for (const name of ['notes.md', 'run.sh', 'table.csv', 'index.html']) assert.match(by(`ops/${name}`)!.message, /does not exist\.$/, name);
    let fixed = text;
    const lines = () => fixed.split('\n');
    for (const d of found.filter((f) => /https:\/\//.test(f.message)).reverse()) {
      const [edit] = d.fixes![0].edits!;
      const l = lines();
      const line = l[edit.range.start.line];
      l[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
      fixed = l.join('\n');
    }
    assert.match(fixed, /\[Julia\]\(https:\/\/julialang\.org\) and \[the forum\]\(https:\/\/discuss\.example\.org\/t\/5\) and \[PR\]\(https:\/\/github\.com\/org\/repo\/pull\/578\)/);
    assert.match(fixed, /\[issue\]\(https:\/\/github\.com\/org\/repo\/issues\/5287\)\n/);
    assert.match(fixed, /\[x\]\(https:\/\/www\.example\.org\/a\/\)\n/);
  });

  it('a file is never told it moved to the file that links it', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({ 'committees/election-process.md': '# Election\n\nSee [the process](../policies/election-process.md).\n' }));
    assert.deepEqual(checkAll(index).map((d) => d.message), ['`policies/election-process.md` does not exist.']);
  });
});

describe('placeholders instead of an address', () => {
  it('in minutes: empty-link says so, broken-link says nothing; in a template: nothing', async () => {
    const body = '- [pad](XXX) and [notes]($CRYPTPAD) and [agenda]({{agenda_url}}) and [slides](TODO)\n\n[IB]: XXX\n\nSee [the issue][IB].\n';
    const { index } = await buildIndex(new MemoryWorkspace({
      'ops/20250611.md': `# 2025-06-11\n\n${body}`,
      'templates/all-hands.md': `# All hands {{date}}\n\n${body}`,
      '.github/ISSUE_TEMPLATE/experiment.md': `# Experiment\n\n${body}`,
      'ops/meeting-template.md': `# Ops YYYY-MM-DD\n\n${body}`,
    }));
    const found = checkAll(index).filter((d) => d.rule === 'broken-link' || d.rule === 'empty-link');
    assert.deepEqual(found.filter((d) => d.path !== 'ops/20250611.md'), []);
    assert.deepEqual(found.filter((d) => d.rule === 'broken-link'), []);
    const messages = found.map((d) => d.message);
    for (const p of ['XXX', '$CRYPTPAD', '{{agenda_url}}', 'TODO']) assert.ok(messages.some((m) => m.includes(`placeholder \`${p}\``)), `${p}: ${messages.join('\n')}`);
    assert.equal(messages.filter((m) => m.includes('placeholder `XXX`')).length, 2, 'the definition too');
  });
});

describe('title-date: dates written with the month\'s name', () => {
  it('a title dated another day than the file name is reported; the same day, a span of days, or another meeting named is not', async () => {
    const { index } = await buildIndex(new MemoryWorkspace({
      'wg/2023-10-24.md': '## Agenda for the May 9th video call of the group\n',
      'wg/2018-12-12.md': '# Core Dev Team Weekly Sync December 17, 2018\n',
      'wg/2024-12-30.md': '# Meeting of 2 January\n',
      'wg/2019-09-23.md': '# Weekly Sept 23, 2019\n',
      'wg/2024-10-15.md': '# Threads: October 15th\n',
      'wg/2023-06-12.md': '# In-person meeting June 12-13, 2023\n',
      'wg/2023-05-08.md': '# Meeting, rescheduled from May 9\n',
      'wg/2023-03-05.md': '# 5 marathon tasks\n',
      'wg/2023-04-11.md': '# The agenda may 3 times change\n',
      'wg/2024-01-10.md': '# Implementers Team Meeting - 10 January, 2023\n',
      // A range of US dates is no malformed ISO date (`2025 - 06/30`).
      'wg/2025-07-01.md': '# Contributor Pool Report (06/01/2025 - 06/30/2025)\n',
      // A hyphen and an en dash are one kind of separator: that date is malformed.
      'wg/2023-01-09.md': '# Documentation 2023-01–09\n',
    }));
    const found = checkAll(index).filter((d) => d.rule === 'title-date').map((d) => `${d.path}: ${d.message}`);
    assert.deepEqual(found, [
      'wg/2018-12-12.md: The title says December 17, 2018 (2018-12-17), but the file name says 2018-12-12.',
      'wg/2023-01-09.md: The title\'s date `2023-01–09` is malformed; write `2023-01-09`.',
      'wg/2023-10-24.md: The title says May 9th (2023-05-09), but the file name says 2023-10-24.',
      'wg/2024-01-10.md: The title says 10 January, 2023 (2023-01-10), but the file name says 2024-01-10.',
      'wg/2024-12-30.md: The title says 2 January (2025-01-02), but the file name says 2024-12-30.',
    ]);
  });
});

describe('title-date: a team that writes its dates YYYY.MM.DD', () => {
  it('is held to its own style: no "malformed", but a title dated another day is reported', async () => {
    const files: Record<string, string> = {};
    for (const d of ['2018-10-05', '2018-10-12', '2018-10-19', '2018-10-26', '2018-11-02', '2018-11-09']) files[`steering/${d}.md`] = `# ${d.replace(/-/g, '.')}\n\n## Notes\n`;
    files['steering/2018-11-16.md'] = '# 2018.11.16\n\n## Notes\n';
    files['steering/2018-11-23.md'] = '# 2018.11.16\n\n## Notes\n';
    // A team of ISO titles: a dotted one is a slip.
    for (const d of ['2018-10-05', '2018-10-12', '2018-10-19', '2018-10-26', '2018-11-02', '2018-11-09']) files[`ops/${d}.md`] = `# ${d}\n\n## Notes\n`;
    files['ops/2018-11-16.md'] = '# 2018.11.16\n\n## Notes\n';
    const { index } = await buildIndex(new MemoryWorkspace(files));
    const found = checkAll(index).filter((d) => d.rule === 'title-date').map((d) => `${d.path}: ${d.message}`);
    assert.deepEqual(found, [
      'ops/2018-11-16.md: The title\'s date `2018.11.16` is malformed; write `2018-11-16`.',
      'steering/2018-11-23.md: The title says 2018.11.16, but the file name says 2018-11-23.',
    ]);
  });
});

describe('missing-section: how a folder below another is named', () => {
  it('"minutes in `wg-x/meeting-notes`", not "wg-x/meeting-notes minutes"', async () => {
    const files: Record<string, string> = {};
    for (const d of ['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27', '2025-02-03', '2025-02-10']) files[`wg-x/meeting-notes/${d}.md`] = `# Meeting ${d}\n\n## Attendees\n\n- @a\n\n## Notes\n\n- one\n`;
    files['wg-x/meeting-notes/2025-02-17.md'] = '# Meeting 2025-02-17\n\n## Notes\n\n- two\n';
    const { index } = await buildIndex(new MemoryWorkspace(files));
    const found = checkAll(index).filter((d) => d.rule === 'missing-section').map((d) => d.message);
    assert.deepEqual(found, ['Missing section `Attendees`: 100 % of the 6 nearest minutes in `wg-x/meeting-notes` have it.']);
  });
});
