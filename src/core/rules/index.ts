// The rule registry: a new rule is one file plus one line here.
import type { Rule } from './rule';
import { brokenLink } from './broken-link';

export const allRules: readonly Rule[] = [brokenLink];

export type { Rule, RuleContext } from './rule';
