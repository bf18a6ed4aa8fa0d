// "Download the image and link it": the one command that uses the network, on explicit request,
// in a trusted workspace, from the pad hosts the repository uses. One undoable WorkspaceEdit
// creates the file and relinks the image.
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import type { HostPlatform } from './platform/types';
import { toRange } from './convert';
import type { Range } from '../core/text';
import { COMMAND } from './commandIds';

interface DownloadRequest {
  url: string;
  to: string;
  range: Range;
  newDestination: string;
}

export function registerImageDownload(repositories: Repositories, images: HostPlatform['imageDownload']): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.downloadImage, async (documentUri: vscode.Uri, request: DownloadRequest) => {
    if (!images.available) {
      void vscode.window.showWarningMessage(`Minutes: ${images.reason}`);
      return;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Minutes: downloading images needs a trusted workspace.');
      return;
    }
    const repo = repositories.forUri(documentUri);
    if (!repo?.index || !request?.url) return;
    const document = await vscode.workspace.openTextDocument(documentUri);
    if (document.getText(toRange(request.range)) !== request.url) {
      void vscode.window.showWarningMessage('Minutes: the text changed since this fix was offered; nothing was downloaded. Try again.');
      return;
    }
    const hosts = repo.index.padHosts();
    // The request is data (a code action's argument, or anything that calls the command): the
    // target must be a plain relative path that stays inside the repository folder.
    const problem = unsafeTarget(request.to);
    if (problem) {
      void vscode.window.showErrorMessage(`Minutes: not downloading to ${JSON.stringify(request.to)}: ${problem}.`);
      return;
    }
    const target = repo.uri(request.to);
    const folder = repo.uri('');
    if (!target.path.startsWith(folder.path.replace(/\/?$/, '/')) || target.scheme !== folder.scheme || target.authority !== folder.authority) {
      void vscode.window.showErrorMessage(`Minutes: not downloading to ${JSON.stringify(request.to)}: it is outside the repository.`);
      return;
    }
    if (await repo.workspace.stat(request.to)) {
      void vscode.window.showWarningMessage(`Minutes: ${request.to} exists already; not overwritten.`);
      return;
    }
    try {
      const { bytes } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Downloading ${request.url}`, cancellable: true },
        async (_progress, token) => {
          const cancel = new AbortController();
          token.onCancellationRequested(() => cancel.abort());
          return { bytes: await images.download(request.url, hosts, cancel.signal) };
        },
      );
      // The place may have been taken while downloading.
      if (await repo.workspace.stat(request.to)) {
        void vscode.window.showWarningMessage(`Minutes: ${request.to} exists already; not overwritten.`);
        return;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(target, { contents: bytes, ignoreIfExists: false });
      edit.replace(documentUri, toRange(request.range), request.newDestination);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was not applied');
    } catch (error) {
      void vscode.window.showErrorMessage(`Minutes: could not download the image: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** Why `to` is not a plain relative path inside the repository, or undefined when it is. */
export function unsafeTarget(to: unknown): string | undefined {
  if (typeof to !== 'string' || to === '') return 'no file name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return 'the name holds a control character or a backslash';
  if (to.startsWith('/') || /^[a-zA-Z]:/.test(to)) return 'an absolute path';
  if (to.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'a path with an empty, `.` or `..` segment';
  return undefined;
}
