// The rule registry: a new rule is one file plus one line here.
import type { Rule } from './rule';
import { brokenLink } from './broken-link';
import { emptyLink } from './empty-link';
import { linkForm } from './link-form';
import { missingSection } from './missing-section';
import { sectionOrder } from './section-order';
import { titleDate } from './title-date';
import { markup } from './markup';
import { fileName } from './file-name';
import { duplicateMinutes } from './duplicate-minutes';
import { frontMatter } from './front-matter';
import { imageNotInRepo } from './image-not-in-repo';
import { weeklyTeamLink } from './weekly-team-link';

export const allRules: readonly Rule[] = [
  brokenLink,
  emptyLink,
  linkForm,
  missingSection,
  sectionOrder,
  titleDate,
  markup,
  fileName,
  duplicateMinutes,
  frontMatter,
  imageNotInRepo,
  weeklyTeamLink,
];

export type { Rule, RuleContext } from './rule';
