// Status bar: indexing progress, then how many minutes and problems the repository has.
import * as vscode from 'vscode';
import type { Repositories } from './repositories';
import { COMMAND } from './commandIds';

export function registerStatusBar(repositories: Repositories): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('minutes.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Minutes';
  item.command = COMMAND.showLog;

  const render = () => {
    const repos = repositories.all().filter((r) => r.state !== 'no-minutes');
    if (repos.length === 0) {
      item.hide();
      return;
    }
    const indexing = repos.filter((r) => r.state === 'indexing');
    if (indexing.length) {
      const done = indexing.reduce((n, r) => n + r.progress.done, 0);
      const total = indexing.reduce((n, r) => n + r.progress.total, 0);
      item.text = `$(sync~spin) Minutes ${total ? `${done}/${total}` : ''}`.trimEnd();
      item.tooltip = 'Indexing minutes…';
    } else {
      const minutes = repos.reduce((n, r) => n + (r.index ? r.index.minutes().length : 0), 0);
      const skipped = repos.reduce((n, r) => n + r.skipped.length, 0);
      const failed = repos.some((r) => r.state === 'failed');
      item.text = `${failed ? '$(warning)' : '$(notebook)'} ${minutes} ${minutes === 1 ? 'minutes file' : 'minutes'}`;
      item.tooltip = failed ? 'Indexing failed: see the Minutes output' : `${minutes} dated minutes ${minutes === 1 ? 'file' : 'files'} indexed${skipped ? `, ${skipped} ${skipped === 1 ? 'file' : 'files'} skipped (see the Minutes output)` : ''}`;
    }
    item.show();
  };

  const timer = setInterval(() => {
    if (repositories.all().some((r) => r.state === 'indexing')) render();
  }, 500);
  render();
  return vscode.Disposable.from(item, repositories.onDidChangeState(render), { dispose: () => clearInterval(timer) });
}
