// The views while the first index is built: "Indexing minutes…", never "No minutes found" or "No
// open action items". VS Code's API cannot read context keys, so the test evaluates the manifest's
// `viewsWelcome` conditions on the keys the extension last set, at every state the repository
// passes through while it indexes, and checks the views are empty then (VS Code shows the welcome
// only for an empty view).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

interface Welcome { view: string; contents: string; when?: string }

/** A `when` clause of the forms the manifest uses: keys joined by `||` and `&&`, each maybe negated. */
function holds(when: string | undefined, context: Readonly<Record<string, boolean>>): boolean {
  if (!when) return true;
  return when.split('||').some((all) => all.split('&&').every((term) => {
    const t = term.trim();
    const negated = t.startsWith('!');
    const key = negated ? t.slice(1).trim() : t;
    assert.match(key, /^[\w.]+$/, `a simple key in "${when}"`);
    return negated ? !context[key] : Boolean(context[key]);
  }));
}

describe('the views while indexing', () => {
  it('say "Indexing minutes…" until the first index is done, and the right welcome after', async () => {
    const api = await activateExtension();
    const welcomes = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.viewsWelcome as Welcome[]);
    const shown = (view: string) => welcomes.filter((w) => w.view === view && holds(w.when, api.views.context)).map((w) => w.contents.split('\n')[0]);
    const repo = api.repositories.all()[0];
    assert.ok(repo?.index, 'the fixture is indexed');
    const seen: Array<{ state: string; weeks: string[]; teams: string[]; actions: string[]; empty: boolean }> = [];
    const sample = () => seen.push({
      state: repo.state,
      weeks: shown('minutes.weeks'),
      teams: shown('minutes.teams'),
      actions: shown('minutes.actions'),
      empty: api.views.weeks.getChildren().length === 0 && api.views.teams.getChildren().length === 0,
    });
    const listener = api.repositories.onDidChangeState(sample);
    try {
      // As on activation: no index yet.
      repo.index = undefined;
      const building = repo.build();
      sample();
      await building;
      await api.whenIdle();
    } finally {
      listener.dispose();
    }
    const indexing = seen.filter((s) => s.state === 'indexing');
    assert.ok(indexing.length, `the repository was seen indexing (${JSON.stringify(seen)})`);
    for (const s of indexing) {
      assert.deepEqual([s.weeks, s.teams, s.actions], [['Indexing minutes…'], ['Indexing minutes…'], ['Indexing minutes…']], JSON.stringify(s));
      assert.ok(s.empty, 'the views are empty, so the welcome shows');
    }
    const after = seen.at(-1)!;
    assert.equal(after.state, 'ready');
    assert.deepEqual([after.weeks, after.teams], [[], []], 'no welcome over the indexed views');
    assert.ok(!after.actions.includes('Indexing minutes…'));
    assert.ok(api.views.weeks.getChildren().length > 0);
  });
});
