// Commands beyond check and weeks: each one a module in this list (refs, actions, …).
import type { BuildResult } from '../core/build';
import type { CliIo } from './main';

export interface CommandContext {
  io: CliIo;
  root: string;
  result: BuildResult;
  format: 'text' | 'json';
  args: string[];
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Which of the arguments name the repository folder (resolved against the working folder). */
  folderArgs(args: string[]): string[];
  run(context: CommandContext): Promise<number>;
}

import { refsCommand } from './refs';
import { actionsCommand } from './actions';

export const commandExtensions: CliCommand[] = [refsCommand, actionsCommand];
