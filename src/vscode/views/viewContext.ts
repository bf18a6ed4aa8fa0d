// The context keys the views' welcome messages depend on (package.json `viewsWelcome`): until the
// first index of every folder is done, the views say "Indexing minutes…", never "No minutes found"
// or "No open action items".

export interface ViewContext {
  'minutes.hasMinutes': boolean;
  'minutes.indexing': boolean;
  'minutes.indexed': boolean;
}

/** The keys for the repositories' states (`hasFolders`: the window has a workspace folder at all). */
export function viewContextOf(repositories: ReadonlyArray<{ readonly index?: unknown; readonly state: string }>, hasFolders: boolean): ViewContext {
  return {
    'minutes.hasMinutes': repositories.some((r) => r.index),
    'minutes.indexing': repositories.some((r) => r.state === 'indexing'),
    // A window without folders has nothing to wait for; a folder not indexed yet has.
    'minutes.indexed': repositories.length ? repositories.every((r) => r.state !== 'indexing') : !hasFolders,
  };
}
