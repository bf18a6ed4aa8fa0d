// Conventions learned from enough evidence, as a maintainer sees them in the editor: no meeting day
// from one or two meetings, and no missing section when its heading is only worded differently.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MinutesApi } from '../../src/vscode/extension';
import { activateExtension, codeOf, fixtureUri, minutesDiagnostics, revertAll, waitFor } from './helpers';

const TEAM = 'sig-thin';
const minutes = (title: string) => `# ${title}\n\n## Participants\n\n* @amrit-vale\n\n## Agenda\n\n- Planning\n`;

async function write(path: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fixtureUri(path), new TextEncoder().encode(text));
}

/** The Teams view's description of the team once the index has `count` of its minutes. */
async function teamDescription(api: MinutesApi, count: number): Promise<string> {
  await waitFor(`${count} ${TEAM} minutes indexed`, () => api.repositories.active()?.index?.minutesOfTeam(TEAM).length === count);
  await api.whenIdle();
  const node = api.views.teams.getChildren().find((n) => n.kind === 'team' && n.team === TEAM);
  assert.ok(node, 'the team is in the Teams view');
  return String(api.views.teams.getTreeItem(node).description);
}

describe('conventions need enough evidence (in the editor)', () => {
  let api: MinutesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(revertAll);
  after(async () => {
    try {
      await vscode.workspace.fs.delete(fixtureUri(TEAM), { recursive: true });
    } catch {
      // not created
    }
    await waitFor('the team gone from the index', () => ![...(api.repositories.active()?.index?.markdownFiles() ?? [])].some((f) => f.path.startsWith(`${TEAM}/`)));
    await api.whenIdle();
  });

  it('shows no meeting day for one or two meetings, and does from three', async () => {
    await write(`${TEAM}/20261104.md`, minutes('SIG Thin 2026-11-04'));
    assert.equal(await teamDescription(api, 1), '1 minutes file');
    await write(`${TEAM}/20261111.md`, minutes('SIG Thin 2026-11-11'));
    assert.equal(await teamDescription(api, 2), '2 minutes', 'two Wednesdays tell no meeting day');
    // A third Wednesday: now the team meets on Wednesdays.
    await write(`${TEAM}/20261118.md`, minutes('SIG Thin 2026-11-18'));
    assert.equal(await teamDescription(api, 3), '3 minutes · Wednesdays');
    // A Monday met once among Wednesdays is no meeting day.
    await write(`${TEAM}/20261123.md`, minutes('SIG Thin 2026-11-23'));
    assert.equal(await teamDescription(api, 4), '4 minutes · Wednesdays');
  });

  it('reports no missing section whose heading is only worded differently, and does when it is gone', async () => {
    const uri = fixtureUri('iaas/20261202.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitFor('the file as on disk', () => !doc.isDirty);
    const editor = await vscode.window.showTextDocument(doc);
    const line = [...Array(doc.lineCount).keys()].find((l) => doc.lineAt(l).text === '## Recurring items');
    assert.ok(line !== undefined, doc.getText());
    const missing = () => minutesDiagnostics(uri).filter((d) => codeOf(d) === 'missing-section' && /recurring items/i.test(d.message));
    await editor.edit((e) => e.replace(doc.lineAt(line).range, '## Recurring item'));
    await waitFor('the edit indexed', () => api.repositories.active()?.indexedVersions.get('iaas/20261202.md') === doc.version);
    await api.whenIdle();
    assert.deepEqual(missing().map((d) => d.message), [], 'singular wording is the same section');
    await editor.edit((e) => e.replace(doc.lineAt(line).range, '## Other things'));
    const gone = await waitFor('missing-section once the section is gone', () => (missing().length ? missing() : undefined));
    assert.equal(gone.length, 1);
  });
});
