// Daily use: attention-first findings, rules under the repository's control (.minutes.jsonc
// ignoreRules, the configuration template and its edits), action items as to-do titles.
import * as assert from 'node:assert/strict';
import { parseMinutes } from '../../src/core/parse';
import * as fs from 'node:fs';
import { applyEdits } from 'jsonc-parser';
import { buildIndex } from '../../src/core/build';
import { checkAll, checkFile } from '../../src/core/check';
import { parseConfig } from '../../src/core/config';
import { configurationTemplate, ignoreRuleEdits, turnOffRuleEdits } from '../../src/core/configTemplate';
import { attentionFindings, isRecent, recentSince } from '../../src/core/attention';
import { actionTitle, markDoneEdits, repositoryActions } from '../../src/core/actions';
import { applyEdits as applyTextEdits } from '../../src/core/fix';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { MemoryWorkspace } from './memoryWorkspace';
import { CORPUS, FIXTURE } from './helpers';

const BAD_START = /^(?:[^\p{L}\p{N}]|to\b|and\b|will\b|yes\b)/iu;

describe('attention first', () => {
  it('counts recent weeks back from the newest minutes, not from today', async () => {
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    assert.equal(index.minutes().at(-1)?.date, '2027-01-14');
    assert.equal(recentSince(index, 6), '2026-12-03');
    assert.ok(isRecent(index, 'iam/20261209.md', 6));
    assert.ok(!isRecent(index, 'container/20261130.md', 6));
    assert.ok(isRecent(index, 'container/20261130.md', 7));
  });

  it('keeps every error and drops the warnings of files that need no attention', async () => {
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    const all = checkFile(index, 'iaas/20261125.md');
    assert.ok(all.some((f) => f.severity === 'error'));
    assert.deepEqual(attentionFindings(all, false).map((f) => f.severity), all.filter((f) => f.severity === 'error').map((f) => f.severity));
    assert.equal(attentionFindings(all, true).length, all.length);
  });

  it('on the real corpus: every error, and no more than 40 findings in all', async function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    this.timeout(120_000);
    const { index } = await buildIndex(new NodeWorkspace(CORPUS));
    const all = checkAll(index);
    const shown = [...index.markdownFiles()].flatMap((f) => attentionFindings(all.filter((d) => d.path === f.path), isRecent(index, f.path)));
    const errors = all.filter((d) => d.severity === 'error');
    assert.ok(shown.length <= 40, `${shown.length} shown of ${all.length}`);
    assert.equal(shown.filter((d) => d.severity === 'error').length, errors.length);
    assert.ok(all.length > 200, 'the corpus has many findings to hide');
  });
});

describe('.minutes.jsonc under the user’s control', () => {
  const files = {
    'iaas/20240103.md': '# 2024-01-03\n\n##Agenda\n\n- x\n',
    'iaas/20240110.md': '# 2024-01-10\n\n##Agenda\n\n- y\n',
  };

  it('ignoreRules skips a rule in the files it names, and nowhere else', async () => {
    const config = '{ "ignoreRules": { "iaas/20240103.md": ["markup"] } }';
    const { index } = await buildIndex(new MemoryWorkspace(files), { configText: config });
    assert.ok(!checkFile(index, 'iaas/20240103.md').some((d) => d.rule === 'markup'));
    assert.ok(checkFile(index, 'iaas/20240110.md').some((d) => d.rule === 'markup'));
    const globbed = await buildIndex(new MemoryWorkspace(files), { configText: '{ "ignoreRules": { "iaas/**": ["markup"] } }' });
    assert.ok(!checkAll(globbed.index).some((d) => d.rule === 'markup'));
  });

  it('rejects a malformed ignoreRules and unknown rules in it', () => {
    assert.match(parseConfig('{ "ignoreRules": ["markup"] }').errors.join('\n'), /ignoreRules/);
    assert.match(parseConfig('{ "ignoreRules": { "a.md": ["nope"] } }', ['markup']).errors.join('\n'), /no rule "nope"/);
  });

  it('the template changes nothing until a line is uncommented, and names what was learned', async () => {
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    const text = configurationTemplate(index);
    const { config, errors } = parseConfig(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(config.rules, {});
    assert.deepEqual(config.ignoreRules, {});
    assert.equal(config.repository, undefined);
    assert.match(text, /\/\/ "repository": "example-org\/minutes"/);
    assert.match(text, /\/\/ "weeklyFolder": "community-call"/);
    assert.match(text, /iaas: IaaS.*meets on Wednesdays/);
  });

  it('turns a rule off and ignores one in a file, keeping comments and other entries', async () => {
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    let text = configurationTemplate(index);
    text = applyEdits(text, turnOffRuleEdits(text, 'image-not-in-repo'));
    text = applyEdits(text, ignoreRuleEdits(text, 'markup', 'ops/20261208.md'));
    text = applyEdits(text, ignoreRuleEdits(text, 'missing-section', 'ops/20261208.md'));
    assert.deepEqual(ignoreRuleEdits(text, 'markup', 'ops/20261208.md'), [], 'already ignored: no edit');
    const { config, errors } = parseConfig(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(config.rules, { 'image-not-in-repo': 'off' });
    assert.deepEqual(config.ignoreRules, { 'ops/20261208.md': ['markup', 'missing-section'] });
    assert.match(text, /\/\/ "weeklyFolder"/, 'the comments stay');
  });
});

describe('action items as a to-do list', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['to organize us', 'Planning', 'Organize us (Planning)'],
    [': @garloff will create a proposal', undefined, 'Create a proposal'],
    ['-> cancel (AI @garloff)', 'Facilitator for Oct 17', 'Cancel (Facilitator for Oct 17)'],
    ['Yes (AI @garloff)', 'Security pentesting as standard? (@bitkeks)', 'Follow up on “Security pentesting as standard?”'],
    ['AI @bitkeks', 'Release notes', 'Follow up on “Release notes”'],
    ['Research: OpenStack app cred life time (AI @garloff)', undefined, 'Research: OpenStack app cred life time'],
    ['Finalize in the overflow slot - AI: @fkr to schedule this in the calendar', undefined, 'Schedule this in the calendar'],
    ['tests take long time\nAI: Split epic into two (@tibeer)', undefined, 'Split epic into two'],
    ['& @chess-knight: test it after the update', undefined, 'Test it after the update'],
    ['Move odoo metering to the namespace (AI: @fkr) (odoo = ERP software)', undefined, 'Move odoo metering to the namespace'],
    ['Proposal for flavor SCS-2V:4:20s => @garloff', undefined, 'Proposal for flavor SCS-2V:4:20s'],
    ['main use-case: GPGPU for AI', undefined, 'Main use-case: GPGPU for AI'],
    ['@erickzhao or @felixrieseberg: delete the old docs', undefined, 'Delete the old docs'],
    ['[2021-05-04]: Niko to track down the regression', undefined, 'Niko to track down the regression'],
    ['AI(binji): add agenda item for the next meeting', undefined, 'Add agenda item for the next meeting'],
    ['Related: PR for the charter template (#279)\nAction Item: Follow up on issue and close.', undefined, 'Follow up on issue and close.'],
  ];
  for (const [text, section, title] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(title)}`, () => assert.equal(actionTitle(text, section), title));
  }

  it('the owner is a handle: after the marker, else in parentheses at the end, else the first; never an e-mail address', () => {
    const doc = parseMinutes([
      '# 2024-01-03',
      '',
      '## Action items',
      '',
      '- AI @a: ask @b about the release',
      '- Ask twitter@example.org to share the post (@c)',
      '- Vote on @d\'s membership (@everyone)',
      '- @e or @f: delete the old docs',
      '- Write to ops@example.org about the outage',
      '- AI: mail events@example.org, cc @g',
      '- @h to invite the vendor (@i to attend)',
      '- Plan the workshop (@j, @k)',
      '- @l:',
      '  - write the release notes',
      '  - ask @m to review them',
      '    - done',
      '- AI @n, @o:',
      '  - book the room',
      '',
      'ACTION ITEM: open a discourse thread, @p',
      '',
      '- Action item: Victor to create the note',
      '- The action items of last week were reviewed.',
      '',
    ].join('\n'));
    assert.deepEqual(doc.actions.map((a) => a.owner), ['a', 'c', 'everyone', 'e', 'g', 'h', 'j', 'l', 'l', 'n', 'p', undefined]);
    assert.deepEqual(doc.actions.slice(7, 10).map((a) => [a.text, a.done]), [['write the release notes', false], ['ask @m to review them', true], ['book the room', false]]);
    assert.equal(actionTitle(doc.actions[10].text), 'Open a discourse thread, @p');
    assert.equal(actionTitle(doc.actions[11].text), 'Victor to create the note');
  });

  it('AI the noun, and the check boxes of who attended, are no action items', () => {
    const doc = parseMinutes([
      '# 2024-01-03',
      '',
      '## Attendees',
      '',
      '* [ ] Andrew',
      '* [x] Bea',
      '',
      '## Profiles',
      '',
      '- Profile AI',
      '- Profile Security',
      '',
      'Paper: Threat Modeling for AI: The Case for an Asset-Centric Approach.',
      '',
      '## Notes',
      '',
      '- [ ] @c: send the slides',
      '- AI: @d to write the summary',
      '',
    ].join('\n'));
    assert.deepEqual(doc.actions.map((a) => a.owner), ['c', 'd']);
  });

  it('marks "DONE" and check marks as done', async () => {
    const ws = new MemoryWorkspace({
      'iaas/20240103.md': '# 2024-01-03\n\n## Action items\n\n- AI @a: report this to Jan - DONE :white_check_mark:\n- AI @b: write the notes\n',
      'iaas/20240110.md': '# 2024-01-10\n\n## Action items\n\n- AI @c: review ✅\n- AI @d: summarize and propose the merge (done)\n- AI @e: book the room - done\n- ** AI: @f to update the page ** Done\n- AI @g: reply on the issue [[done](https://example.org/1)]\n',
    });
    const { index } = await buildIndex(ws);
    assert.deepEqual(repositoryActions(index, { open: true }).map((a) => a.title), ['Write the notes']);
    assert.deepEqual(repositoryActions(index, { open: true, since: '2024-01-05' }).map((a) => a.title), []);
  });

  it('marks an item done in its file so that it reads, and parses, as done', async () => {
    const text = '# 2024-01-03\n\n## Action items\n\n- AI @a: write the notes  \n- [ ] @b review the PR\n\nAI @c: call the vendor\n';
    const { index } = await buildIndex(new MemoryWorkspace({ 'iaas/20240103.md': text }));
    let out = text;
    const lines = text.split('\n');
    const edits = repositoryActions(index).flatMap((a) => markDoneEdits((l) => lines[l] ?? '', a.range));
    out = applyTextEdits(text, edits);
    assert.equal(out, '# 2024-01-03\n\n## Action items\n\n- ~~AI @a: write the notes~~  \n- [x] @b review the PR\n\nAI @c: call the vendor ✅\n');
    const again = await buildIndex(new MemoryWorkspace({ 'iaas/20240103.md': out }));
    assert.deepEqual(repositoryActions(again.index, { open: true }), []);
  });

  it('on the real corpus: no title starts with punctuation, "to", "and", "will" or "yes"', async function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    this.timeout(120_000);
    const { index } = await buildIndex(new NodeWorkspace(CORPUS));
    const open = repositoryActions(index, { open: true });
    assert.ok(open.length > 100);
    const bad = open.filter((a) => BAD_START.test(a.title));
    assert.deepEqual(bad.map((a) => a.title), []);
  });
});

describe('Link This Week’s Team Minutes', () => {
  it('finds a team section in either spelling or under a longer heading, never a look-alike', async () => {
    const { teamSection } = await import('../../src/core/weeklyLinks');
    const { parseMinutes } = await import('../../src/core/parse');
    const headings = parseMinutes('# Weekly\n\n### SIG Standardisation & Certification\n\n### Standardized image encryption upstream state\n').headings;
    assert.equal(teamSection(headings, 'sig-standardization', 'SIG Standardization')?.text, 'SIG Standardisation & Certification');
    const other = parseMinutes('# Weekly\n\n### Standardized image encryption upstream state\n').headings;
    assert.equal(teamSection(other, 'sig-standardization', 'SIG Standardization'), undefined);
  });

  it('applies exactly the changes chosen', async () => {
    const { planWeeklyLinks, editsOf } = await import('../../src/core/weeklyLinks');
    const { applyEdits: apply } = await import('../../src/core/fix');
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    const text = fs.readFileSync(`${FIXTURE}/community-call/20261126.md`, 'utf8').replace(/^Minutes:.*\n/gm, '');
    const plan = planWeeklyLinks(index, 'community-call/20261126.md', text);
    assert.equal(plan.items.length, 5);
    assert.equal(apply(text, editsOf(plan, plan.items)), apply(text, plan.edits));
    const one = apply(text, editsOf(plan, plan.items.filter((i) => i.change.startsWith('IaaS'))));
    assert.equal((one.match(/^Minutes:/gm) ?? []).length, 1);
    assert.match(one, /iaas\/20261125\.md/);
  });
});

describe('Go to Date', () => {
  it('searches the whole repository, never silently the file already open', async () => {
    const { dateTargets, parseDateQuery } = await import('../../src/core/navigation');
    const { index } = await buildIndex(new NodeWorkspace(FIXTURE));
    const q = (s: string) => parseDateQuery(s, '2026-12-04')!;
    // The active team's one meeting of that week, when it is another file.
    assert.deepEqual(dateTargets(index, q('2026-W53'), 'container/20261207.md').minutes.map((m) => m.file), ['container/20261228.md']);
    // From that very file: every meeting of the week, the team's first.
    const week = dateTargets(index, q('2026-W53'), 'container/20261228.md').minutes.map((m) => m.file);
    assert.ok(week.length > 3 && week[0] === 'container/20261228.md' && week.includes('iaas/20261230.md'), week.join(' '));
    // A day the active team did not meet: the repository's meeting of that day, not the team's nearest.
    assert.deepEqual(dateTargets(index, q('2026-11-30'), 'iaas/20261202.md').minutes.map((m) => m.file), ['container/20261130.md']);
  });
});

describe('New Minutes for Team', () => {
  it('takes the sections most recent minutes share, not the last meeting’s one-off topics, with lines to write in', async () => {
    const { skeletonFromRecent, carryOverActions } = await import('../../src/core/newMinutes');
    const meeting = (date: string, extra: string) => `# Ops Meeting ${date}\n\n## Participants\n\n- @ana-k\n\n## Agenda\n\n1. x\n\n${extra}## Action items\n\n- _AI @ana-k: check ${date}_\n`;
    const ws = new MemoryWorkspace({
      'ops/20240103.md': meeting('2024-01-03', '## Decisions\n\n- y\n\n'),
      'ops/20240110.md': meeting('2024-01-10', '## Decisions\n\n- y\n\n'),
      'ops/20240117.md': meeting('2024-01-17', '## Decisions\n\n- y\n\n'),
      'ops/20240124.md': meeting('2024-01-24', '## Grafana dashboard update\n\n- z\n\n'),
    });
    const { index } = await buildIndex(ws);
    const text = skeletonFromRecent(index, 'ops', '2024-01-31')!;
    assert.equal(text, '# Ops Meeting 2024-01-31\n\n## Participants\n\n- @\n\n## Agenda\n\n1. \n\n## Action items\n\n- _AI @: _\n\n## Decisions\n\n- \n');
    assert.doesNotMatch(text, /Grafana/);
    const carried = carryOverActions(text, repositoryActions(index, { open: true, team: 'ops' }));
    assert.match(carried, /## Action items\n\n- _AI @ana-k: check 2024-01-24_ \(since 2024-01-24\)/);
  });
});
