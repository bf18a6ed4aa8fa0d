// A new user's first contact: the walkthrough, rule pages rendered, Show Conventions read-only,
// plurals, and the manifest's icon and banner.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, EXTENSION_ID, fixtureUri, minutesDiagnostics, revertAll, uiCheck, waitFor } from './helpers';

const STEPS = ['Browse the weeks and teams', 'See what needs attention', "Write this week's weekly", 'Make the rules yours'];

describe('getting started', () => {
  before(activateExtension);
  afterEach(revertAll);

  it('contributes a walkthrough of four steps, an icon and a gallery banner', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      icon?: string;
      galleryBanner?: { color?: string };
      contributes: { walkthroughs: Array<{ id: string; steps: Array<{ title: string; media: { markdown?: string } }> }> };
    };
    assert.equal(pkg.icon, 'images/icon.png');
    assert.match(pkg.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    const walkthrough = pkg.contributes.walkthroughs.find((w) => w.id === 'gettingStarted');
    assert.deepEqual(walkthrough?.steps.map((s) => s.title), STEPS);
  });

  it('opens a rule’s page as a rendered preview from the Problems panel’s link', async () => {
    const uri = fixtureUri('community-call/20261119.md');
    const d = await waitFor('a broken-link diagnostic', () => minutesDiagnostics(uri).find((x) => codeOf(x) === 'broken-link'));
    const target = (d.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'minutes.showRuleDoc');
    const [rule] = JSON.parse(decodeURIComponent(target.query)) as string[];
    await vscode.commands.executeCommand('minutes.showRuleDoc', rule);
    const tab = await waitFor('the preview tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)));
    assert.match(tab.label, /broken-link/);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.path.endsWith('/docs/rules/broken-link.md')), 'the Markdown source is not opened for editing');
  });

  it('shows the conventions as a read-only document that never asks to be saved', async () => {
    await vscode.commands.executeCommand('minutes.showConventions');
    const editor = await waitFor('the conventions', () => vscode.window.activeTextEditor?.document.uri.scheme === 'minutes-conventions' && vscode.window.activeTextEditor);
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /^# Minutes conventions/);
    // A content provider's document (read-only in the editor), not an untitled one that asks to be saved.
    assert.ok(!editor.document.isUntitled && !editor.document.isDirty);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && d.getText().startsWith('# Minutes conventions')));
  });

  it('shows the walkthrough (UI check)', async function () {
    await vscode.commands.executeCommand('minutes.openWalkthrough');
    const result = await uiCheck('walkthrough', { expect: STEPS });
    if (result === 'skipped') this.skip();
  });
});
