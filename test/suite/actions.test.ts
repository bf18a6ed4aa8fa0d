// Action items as a to-do list, in a real VS Code: titles, current items only, the latest
// minutes first, filters, and marking an item done in its file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MinutesApi } from '../../src/vscode/extension';
import type { ActionsNode } from '../../src/vscode/views/actionsView';
import { activateExtension, fixtureUri, revertAll, waitFor } from './helpers';

describe('the Action Items view is a to-do list', () => {
  let api: MinutesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    await revertAll();
    api.views.actions.setFilter({});
    await vscode.workspace.getConfiguration('minutes.actionItems').update('maxAgeWeeks', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('lists the task as written, items of each team’s latest minutes first', () => {
    const items = api.views.actions.openItems();
    assert.ok(items.length > 10);
    assert.ok(items.every((a) => /^\p{Lu}/u.test(a.title)), items.map((a) => a.title).join('\n'));
    const archive = items.find((a) => a.owner === 'wilhelmina-s' && a.file === 'ops/20261208.md');
    assert.equal(archive?.title, 'Archive the duplicate dashboards');
    // The latest minutes of every team come before any older minutes.
    const firstOlder = items.findIndex((a) => !['iaas/20270113.md', 'ops/20270112.md', 'container/20270111.md', 'sig-standardization/20270107.md', 'iam/20270106.md'].includes(a.file));
    const lastLatest = items.map((a) => ['iaas/20270113.md', 'ops/20270112.md', 'container/20270111.md', 'sig-standardization/20270107.md', 'iam/20270106.md'].includes(a.file)).lastIndexOf(true);
    assert.ok(lastLatest < firstOlder, `${lastLatest} < ${firstOlder}`);
  });

  it('leaves out items older than the age setting, counted from the newest minutes', async () => {
    const all = api.views.actions.openItems().length;
    await vscode.workspace.getConfiguration('minutes.actionItems').update('maxAgeWeeks', 4, vscode.ConfigurationTarget.Workspace);
    const recent = api.views.actions.openItems();
    assert.ok(recent.length > 0 && recent.length < all, `${recent.length} of ${all}`);
    assert.ok(recent.every((a) => (a.date ?? '') >= '2026-12-17'), recent.map((a) => a.date).join(' '));
  });

  it('filters by owner and by team', () => {
    api.views.actions.setFilter({ owner: 'tobi-n' });
    const mine = api.views.actions.openItems();
    assert.ok(mine.length >= 2 && mine.every((a) => a.owner === 'tobi-n'));
    assert.match(api.views.actionsView.description ?? '', /@tobi-n/);
    api.views.actions.setFilter({ team: 'ops' });
    const ops = api.views.actions.openItems();
    assert.ok(ops.length >= 2 && ops.every((a) => a.team === 'ops'));
  });

  it('marks an item done in its file, and it leaves the list', async () => {
    const uri = fixtureUri('ops/20261208.md');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    try {
      api.views.actions.setFilter({ owner: 'wilhelmina-s' });
      const groups = api.views.actions.getChildren();
      const node = groups.flatMap((g) => api.views.actions.getChildren(g)).find((n): n is Extract<ActionsNode, { kind: 'item' }> => n.kind === 'item' && n.action.file === 'ops/20261208.md');
      assert.ok(node, 'the item is listed');
      await vscode.commands.executeCommand('minutes.actions.markDone', node);
      const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.match(after, /^- ~~_AI @wilhelmina-s: archive the duplicate dashboards_~~$/m);
      await waitFor('the item to leave the list', () => !api.views.actions.openItems().some((a) => a.file === 'ops/20261208.md'));
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
      await waitFor('the item to come back', () => {
        api.views.actions.setFilter({});
        return api.views.actions.openItems().some((a) => a.file === 'ops/20261208.md');
      });
    }
  });
});
