// A node of any Minutes view, as the views hand them to their context-menu commands.
import type { WeeksNode } from './weeksView';
import type { TeamsNode } from './teamsView';
import type { OutlineNode } from './outlineView';
import type { ActionsNode } from './actionsView';

export type MinutesViewNode = WeeksNode | TeamsNode | OutlineNode | ActionsNode;

/** The repository file a node stands for: a minutes file, or the target of a link that resolves. */
export function fileOfNode(node: MinutesViewNode): string | undefined {
  switch (node.kind) {
    case 'file':
      return node.path;
    case 'link':
      return node.state === 'ok' ? node.target : undefined;
    default:
      return undefined;
  }
}
