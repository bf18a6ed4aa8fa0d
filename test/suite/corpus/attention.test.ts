// On a real repository (run with MINUTES_FIXTURE_DIR=<a copy of the repository> and
// MINUTES_SUITE_FILES=corpus/attention.test.js): by default the Problems panel shows every error
// and at most 40 problems in all; Show All Problems shows every finding.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import { activateExtension } from '../helpers';

function minutesProblems(): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((d) => d.source === 'minutes'));
}

describe('attention first on a real repository', () => {
  it('shows every error and no more than 40 problems; the rest one command away', async function () {
    this.timeout(600_000);
    const api = await activateExtension();
    await api.whenIdle();
    const focused = minutesProblems();
    const hidden = api.problemScope.hiddenCount();
    await vscode.commands.executeCommand('minutes.showAllProblems');
    await api.whenIdle();
    const all = minutesProblems();
    const errors = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const line = `attention first: ${focused.length} problems shown (${errors(focused)} errors), ${hidden} hidden; all: ${all.length} (${errors(all)} errors)`;
    console.log(line);
    // MINUTES_ATTENTION_OUT: a file for the figures (the launcher does not show the host's console).
    if (process.env.MINUTES_ATTENTION_OUT) writeFileSync(process.env.MINUTES_ATTENTION_OUT, `${line}\n`);
    assert.ok(focused.length <= 40, `${focused.length} shown`);
    assert.equal(errors(focused), errors(all));
    assert.equal(focused.length + hidden, all.length);
    await vscode.commands.executeCommand('minutes.focusProblems');
  });
});
