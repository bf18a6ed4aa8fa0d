// The rule registry, written by `npm run gen:rules` from the files of this folder (do not edit):
// a rule is one file `<id>.ts` here that exports `const <camelCasedId>: Rule`, its cases in
// test/cases/<id>/ and its page docs/rules/<id>.md; everything that lists rules is made from it.
import type { Rule } from './rule';
import { brokenLink } from './broken-link';
import { duplicateMinutes } from './duplicate-minutes';
import { emptyLink } from './empty-link';
import { fileName } from './file-name';
import { frontMatter } from './front-matter';
import { imageNotInRepo } from './image-not-in-repo';
import { linkForm } from './link-form';
import { markup } from './markup';
import { missingSection } from './missing-section';
import { sectionOrder } from './section-order';
import { titleDate } from './title-date';
import { weeklyTeamLink } from './weekly-team-link';

export const allRules: readonly Rule[] = [
  brokenLink,
  duplicateMinutes,
  emptyLink,
  fileName,
  frontMatter,
  imageNotInRepo,
  linkForm,
  markup,
  missingSection,
  sectionOrder,
  titleDate,
  weeklyTeamLink,
];

export type { Rule, RuleContext } from './rule';
