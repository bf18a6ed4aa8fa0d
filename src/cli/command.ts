// What every command of the `minutes` CLI shares: its I/O, the usage error, and the shape of a
// command module (refs, actions, …). A module of its own so that the command modules, their list
// (commands.ts) and main.ts import it without importing each other.
import type { BuildResult } from '../core/build';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface CommandContext {
  io: CliIo;
  root: string;
  result: BuildResult;
  format: 'text' | 'json';
  args: string[];
  /** `actions`: which items (--owner, --team, --max-age-weeks). */
  actions?: { owner?: string; team?: string; maxAgeWeeks?: number };
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Which of the arguments name the repository folder (resolved against the working folder). */
  folderArgs(args: string[]): string[];
  run(context: CommandContext): Promise<number>;
}
