// "Download the image and link it": the one command that uses the network, on explicit request,
// in a trusted workspace, from the pad hosts the repository uses. One undoable WorkspaceEdit
// creates the file and relinks the image.
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import type { HostPlatform } from './platform/types';
import { toRange } from './convert';
import type { Range } from '../core/text';

interface DownloadRequest {
  url: string;
  to: string;
  range: Range;
  newDestination: string;
}

export function registerImageDownload(repositories: Repositories, images: HostPlatform['imageDownload']): vscode.Disposable {
  return vscode.commands.registerCommand('minutes.downloadImage', async (documentUri: vscode.Uri, request: DownloadRequest) => {
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
    const target = repo.uri(request.to);
    if (await repo.workspace.stat(request.to)) {
      void vscode.window.showWarningMessage(`Minutes: ${request.to} exists already; not overwritten.`);
      return;
    }
    try {
      const { bytes } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Downloading ${request.url}`, cancellable: false },
        async () => ({ bytes: await images.download(request.url, hosts) }),
      );
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(target, { contents: bytes, ignoreIfExists: false });
      edit.replace(documentUri, toRange(request.range), request.newDestination);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was not applied');
    } catch (error) {
      void vscode.window.showErrorMessage(`Minutes: could not download the image: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
