// The ids of the extension's commands and views, as package.json contributes them: code names a
// command through these constants, and a unit test keeps them equal to the manifest.

export const COMMAND = {
  reindex: 'minutes.reindex',
  showLog: 'minutes.showLog',
  openThisWeeksWeekly: 'minutes.openThisWeeksWeekly',
  nextMeeting: 'minutes.nextMeeting',
  previousMeeting: 'minutes.previousMeeting',
  openTeamMinutesOfWeek: 'minutes.openTeamMinutesOfWeek',
  goToDate: 'minutes.goToDate',
  newMinutes: 'minutes.newMinutes',
  openToSide: 'minutes.openToSide',
  revealInExplorer: 'minutes.revealInExplorer',
  copyGithubUrl: 'minutes.copyGithubUrl',
  copyRelativeLink: 'minutes.copyRelativeLink',
  showConventions: 'minutes.showConventions',
  downloadImage: 'minutes.downloadImage',
  linkThisWeeksTeamMinutes: 'minutes.linkThisWeeksTeamMinutes',
  openLinkedTeamMinutes: 'minutes.openLinkedTeamMinutes',
  showWhereLinked: 'minutes.showWhereLinked',
  compareWithPrevious: 'minutes.compareWithPrevious',
  actionsGroupByOwner: 'minutes.actions.groupByOwner',
  actionsGroupByTeam: 'minutes.actions.groupByTeam',
  showAllProblems: 'minutes.showAllProblems',
  focusProblems: 'minutes.focusProblems',
  createConfiguration: 'minutes.createConfiguration',
  configureRule: 'minutes.configureRule',
  actionsMarkDone: 'minutes.actions.markDone',
  actionsFilter: 'minutes.actions.filter',
  actionsClearFilter: 'minutes.actions.clearFilter',
  showRuleDoc: 'minutes.showRuleDoc',
  openWalkthrough: 'minutes.openWalkthrough',
} as const;

export type CommandId = (typeof COMMAND)[keyof typeof COMMAND];

/** The tree views of the "Minutes" view container. */
export const VIEW = {
  weeks: 'minutes.weeks',
  teams: 'minutes.teams',
  outline: 'minutes.outline',
  actions: 'minutes.actions',
} as const;

export type ViewId = (typeof VIEW)[keyof typeof VIEW];
