// Shared steps for in-host tests: the extension's API, the fixture workspace, waiting for state.
// Nothing from Node: the same helpers serve the web worker extension host (test/suite/web/).
import * as vscode from 'vscode';
import type { MinutesApi } from '../../src/vscode/extension';

export const EXTENSION_ID = 'minutes-workbench.minutes-workbench';

let watcherReady: Promise<void> | undefined;

export async function activateExtension(): Promise<MinutesApi> {
  const ext = vscode.extensions.getExtension<MinutesApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.whenIdle();
  await (watcherReady ??= waitForFileWatcher());
  return api;
}

/**
 * VS Code's file watcher starts a little after the extension host; a file written before then is
 * never reported. Writes a probe file until the watcher sees it.
 */
async function waitForFileWatcher(): Promise<void> {
  const folder = workspaceFolder();
  const probe = vscode.Uri.joinPath(folder.uri, '.watcher-probe');
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.watcher-probe'));
  let seen = false;
  watcher.onDidCreate(() => (seen = true));
  watcher.onDidChange(() => (seen = true));
  try {
    for (let i = 0; !seen && i < 120; i++) {
      await vscode.workspace.fs.writeFile(probe, new TextEncoder().encode(String(i)));
      await sleep(250);
    }
    if (!seen) throw new Error('the file watcher never reported the probe file');
  } finally {
    watcher.dispose();
    await vscode.workspace.fs.delete(probe).then(undefined, () => undefined);
  }
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-host suite needs the fixture repository open as a workspace folder');
  return folder;
}

export function fixtureUri(path: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...path.split('/'));
}

/** Reverts every unsaved buffer and closes all editors, so one test's edits never reach the next. */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function minutesDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'minutes');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/**
 * A setting of the launcher (MINUTES_UI_DIR, MINUTES_TEST_RESULTS…): the environment in the Node
 * extension host; in the web worker host, which has none, what test/suite/web/index.ts read from the
 * launcher's settings file.
 */
export function suiteEnv(name: string): string | undefined {
  const web = (globalThis as { minutesSuiteEnv?: Record<string, string | undefined> }).minutesSuiteEnv;
  if (web) return web[name];
  return typeof process === 'undefined' ? undefined : process.env[name];
}

/** A launcher setting naming a file or folder: a path in the Node host, a URI (vscode-remote://…) in the web host. */
export function suiteUri(value: string): vscode.Uri {
  return /^[a-z][\w+.-]*:\/\//i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
}

/** A test's time limit in the in-host suites: above a UI check's own wait, so a slow check reports why. */
export const TEST_TIMEOUT_MS = 120_000;

/**
 * Asks the launcher to check what a person sees (a UI check in test/ui/<name>.mjs) while this
 * state is live. Skipped where no launcher listens (e.g. under @vscode/test-electron). The request
 * and the answer are files in the launcher's folder, written through workspace.fs.
 */
export async function uiCheck(name: string, request: Record<string, unknown>, timeoutMs = 90_000): Promise<'done' | 'skipped'> {
  const dir = suiteEnv('MINUTES_UI_DIR');
  if (!dir) return 'skipped';
  const done = vscode.Uri.joinPath(suiteUri(dir), `${name}.done.json`);
  await vscode.workspace.fs.delete(done).then(undefined, () => undefined);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(suiteUri(dir), `${name}.request.json`), new TextEncoder().encode(JSON.stringify(request))).then(undefined, (error: unknown) => {
    // The launcher may claim (rename) the request before a remote file service has read back what it
    // wrote; a request that really was not written times out below.
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
  });
  const answer = await waitFor(
    `the UI check "${name}"`,
    async () => {
      try {
        return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(done))) as { ok: boolean; error?: string };
      } catch {
        return undefined; // not written yet
      }
    },
    timeoutMs,
  );
  if (!answer.ok) throw new Error(`UI check "${name}" failed: ${answer.error ?? 'no reason given'}`);
  return 'done';
}
