// The Minutes views and navigation commands, driven through the real tree providers and commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, revertAll, uiCheck, waitFor, workspaceFolder } from './helpers';
import type { MinutesApi } from '../../src/vscode/extension';
import type { WeeksNode } from '../../src/vscode/views/weeksView';
import type { TeamsNode } from '../../src/vscode/views/teamsView';
import type { OutlineNode } from '../../src/vscode/views/outlineView';

function activePath(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri ? vscode.workspace.asRelativePath(uri, false) : undefined;
}

async function openFixture(path: string): Promise<void> {
  await vscode.window.showTextDocument(fixtureUri(path), { preview: false });
}

describe('Minutes explorer', () => {
  let api: MinutesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(revertAll);

  const weekNode = (week: string) => api.views.weeks.getChildren().find((n) => n.kind === 'week' && n.week.week === week) as (WeeksNode & { kind: 'week' }) | undefined;

  it('lists ISO weeks newest first, labelled with their days', () => {
    const weeks = api.views.weeks.getChildren();
    assert.equal(weeks[0].kind, 'week');
    const labels = weeks.map((n) => String(api.views.weeks.getTreeItem(n).label));
    assert.equal(labels[0].slice(0, 8), '2027-W02');
    assert.ok(labels.includes('2026-W53 · 28 Dec – 3 Jan'), labels.join('\n'));
    assert.ok(labels.includes('2026-W48 · 23–29 Nov'), labels.join('\n'));
    assert.ok(!labels.some((l) => l.startsWith('2026-W52')), 'the holiday week has no minutes');
  });

  it('shows a week as the weekly first, then team minutes, then absent teams dimmed', () => {
    const w53 = weekNode('2026-W53');
    assert.ok(w53);
    const children = api.views.weeks.getChildren(w53);
    assert.deepEqual(
      children.filter((c) => c.kind === 'file').map((c) => (c as { path: string }).path),
      ['community-call/20261231.md', 'container/20261228.md', 'ops/20261229.md', 'iaas/20261230.md', 'iam/20261230.md'],
    );
    const first = api.views.weeks.getTreeItem(children[0]);
    assert.equal(first.contextValue, 'minutes.file.weekly');
    const iaas = api.views.weeks.getTreeItem(children.find((c) => c.kind === 'file' && c.path === 'iaas/20261230.md')!);
    assert.equal(iaas.label, 'IaaS');
    assert.match(String(iaas.description), /^Wed · /);
    const w02 = api.views.weeks.getChildren(weekNode('2027-W02'));
    const absent = w02.filter((c) => c.kind === 'absent').map((c) => (c as { team: string }).team);
    assert.ok(absent.includes('iam'), `iam usually meets but has no minutes in 2027-W02: ${absent.join(', ')}`);
    const absentItem = api.views.weeks.getTreeItem(w02.find((c) => c.kind === 'absent')!);
    assert.equal(absentItem.resourceUri?.scheme, 'minutes-absent');
  });

  it('groups a team’s minutes by year, newest first, with other files apart', () => {
    const teams = api.views.teams.getChildren();
    const iaas = teams.find((t) => t.kind === 'team' && t.team === 'iaas')!;
    assert.ok(iaas);
    assert.equal(api.views.teams.getTreeItem(iaas).label, 'IaaS');
    const groups = api.views.teams.getChildren(iaas);
    assert.deepEqual(groups.map((g) => (g.kind === 'year' ? g.year : g.kind)), ['2027', '2026', 'other']);
    const files2026 = api.views.teams.getChildren(groups[1]).map((n) => (n as TeamsNode & { kind: 'file' }).path);
    assert.equal(files2026[0], 'iaas/20261230.md');
    assert.ok(files2026.indexOf('iaas/20261209-overflow.md') >= 0);
    const other = api.views.teams.getChildren(groups[2]).map((n) => (n as TeamsNode & { kind: 'file' }).path);
    assert.deepEqual(other, ['iaas/template.md']);
  });

  it('goes to the next and previous meeting of a team across a year boundary', async () => {
    await openFixture('iaas/20261230.md');
    await vscode.commands.executeCommand('minutes.nextMeeting');
    await waitFor('the next meeting to open', () => activePath() === 'iaas/20270106.md');
    await vscode.commands.executeCommand('minutes.previousMeeting');
    await waitFor('the previous meeting to open', () => activePath() === 'iaas/20261230.md');
    await openFixture('community-call/20261231.md');
    await vscode.commands.executeCommand('minutes.nextMeeting');
    await waitFor('the next weekly to open', () => activePath() === 'community-call/20270107.md');
  });

  it('goes to a date or a week, preferring the active team', async () => {
    await openFixture('container/20261207.md');
    await vscode.commands.executeCommand('minutes.goToDate', '2026-W53');
    await waitFor('the container minutes of 2026-W53', () => activePath() === 'container/20261228.md');
    await vscode.commands.executeCommand('minutes.goToDate', '2026-11-10');
    await waitFor('the nearest container minutes to 2026-11-10', () => activePath() === 'container/20261109.md');
  });

  it('goes to another team’s meeting on a day the active team did not meet, not back to the open file', async () => {
    await openFixture('iaas/20261202.md');
    await vscode.commands.executeCommand('minutes.goToDate', '2026-11-30');
    await waitFor('the container minutes of 2026-11-30', () => activePath() === 'container/20261130.md');
  });

  it('always shows the current week, marked, even without minutes', () => {
    const weeks = api.views.weeks;
    const before = weeks.today;
    try {
      weeks.today = () => '2027-02-03';
      weeks.refresh();
      const top = weeks.getChildren()[0];
      assert.equal(top.kind, 'week');
      const item = weeks.getTreeItem(top);
      assert.match(String(item.label), /^2027-W05/);
      assert.equal(item.description, '● this week · no minutes yet');
      const second = weeks.getTreeItem(weeks.getChildren()[1]);
      assert.doesNotMatch(String(second.description), /this week/);
    } finally {
      weeks.today = before;
      weeks.refresh();
    }
  });

  it("opens a week's weekly", async () => {
    await vscode.commands.executeCommand('minutes.openThisWeeksWeekly', '2026-11-17');
    await waitFor('the weekly of 2026-W47', () => activePath() === 'community-call/20261119.md');
  });

  it('creates new minutes from the team template, undoably, and never overwrites', async () => {
    const path = 'iaas/20270120.md';
    const uri = fixtureUri(path);
    await vscode.commands.executeCommand('minutes.newMinutes', 'iaas', '2027-01-20');
    await waitFor('the new minutes to open', () => activePath() === path);
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /^# 2027-01-20/);
    assert.match(text, /## Participants/);
    // The weeks view shows the new week within moments.
    await waitFor('the new week in the Weeks view', () => weekNode('2027-W03'));
    const existing = fixtureUri('iaas/20270106.md');
    const before = (await vscode.workspace.fs.readFile(existing)).toString();
    await vscode.commands.executeCommand('minutes.newMinutes', 'iaas', '2027-01-06');
    await waitFor('the existing minutes to open', () => activePath() === 'iaas/20270106.md');
    assert.equal((await vscode.workspace.fs.readFile(existing)).toString(), before);
    await vscode.workspace.fs.delete(uri);
    await waitFor('the deleted week to leave the Weeks view', () => !weekNode('2027-W03'));
  });

  it('creates new minutes without a template from the sections recent minutes share, with lines to write in', async () => {
    const path = 'ops/20270119.md';
    await vscode.commands.executeCommand('minutes.newMinutes', 'ops', '2027-01-19');
    await waitFor('the new minutes to open', () => activePath() === path);
    try {
      const text = vscode.window.activeTextEditor!.document.getText();
      const index = api.repositories.active()!.index!;
      const recent = index.minutesOfTeam('ops').filter((m) => m.file !== path).slice(-6).map((m) => index.get(m.file)!.doc);
      const headings = text.split('\n').filter((l) => /^#{2,6} /.test(l));
      assert.ok(headings.length >= 3, text);
      for (const h of headings) {
        const name = h.replace(/^#+ /, '');
        const share = recent.filter((d) => d.headings.some((x) => x.text === name)).length;
        assert.ok(share * 2 > recent.length, `${name} is in ${share} of ${recent.length} recent minutes`);
      }
      assert.match(text, /^# .*2027-01-19/);
      assert.match(text, /^- @$/m, 'a participants line to write in');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(fixtureUri(path));
    }
  });

  it('shows a file created on disk, and drops it when deleted', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'ops', '20270119.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Ops Meeting 2027-01-19\n'));
    const node = await waitFor('the created file in its week', () => {
      const w = weekNode('2027-W03');
      return w && api.views.weeks.getChildren(w).find((c) => c.kind === 'file' && c.path === 'ops/20270119.md');
    });
    assert.ok(node);
    await vscode.workspace.fs.delete(uri);
    await waitFor('the deleted file to disappear', () => !weekNode('2027-W03'));
  });

  it('outlines a weekly with the team minutes each section links, broken ones marked', async () => {
    await openFixture('community-call/20261119.md');
    const roots = await waitFor('the outline of the weekly', () => {
      const r = api.views.outline.getChildren();
      return r.length ? r : undefined;
    });
    const flat: OutlineNode[] = [];
    const walk = (nodes: OutlineNode[]) => nodes.forEach((n) => (flat.push(n), walk(api.views.outline.getChildren(n))));
    walk(roots);
    const teamIaas = flat.find((n) => n.kind === 'heading' && n.heading.text === 'Team IaaS');
    assert.ok(teamIaas, 'a Team IaaS section');
    const link = api.views.outline.getChildren(teamIaas).find((n) => n.kind === 'link');
    assert.ok(link && link.kind === 'link');
    assert.equal(link.target, 'iaas/20261118.md');
    assert.equal(link.state, 'missing');
    const ops = flat.find((n) => n.kind === 'link' && n.target === 'ops/20261119.md');
    assert.ok(ops && ops.kind === 'link' && ops.state === 'ok');
  });

  it('says what to do when a command cannot apply', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // No minutes file is active: the command explains instead of failing.
    await vscode.commands.executeCommand('minutes.nextMeeting');
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  it('shows the Weeks view and a weekly outline in the real UI (UI check)', async function () {
    await openFixture('community-call/20261231.md');
    const result = await uiCheck('explorer', { week: '2026-W53', expect: ['2026-W53', 'IaaS', 'Container', 'Ops', 'IAM'] });
    if (result === 'skipped') this.skip();
  });
});
