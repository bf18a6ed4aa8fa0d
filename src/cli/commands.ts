// Commands beyond check and weeks: each one a module in this list (refs, actions, …).
import type { CliCommand } from './command';
import { refsCommand } from './refs';
import { actionsCommand } from './actions';

export const commandExtensions: CliCommand[] = [refsCommand, actionsCommand];
