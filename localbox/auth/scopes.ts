/**
 * The scopes localbox's app can be granted, each with the words its consent page shows (reading before
 * writing). The app asks for some at /oauth2/authorize (`scope`), or gets them all by asking for none, as
 * a Dropbox app gets every scope ticked in its App Console; each route needs one (`scope` in routes/*.ts).
 */
export const PERMISSIONS = {
  'account_info.read': 'See your name, email address and account details',
  'files.metadata.read': 'See the names and details of your files and folders',
  'files.metadata.write': 'Create, rename, move and delete your files and folders',
  'files.content.read': 'Read the contents of your files',
  'files.content.write': 'Edit the contents of your files',
  'sharing.read': 'See your shared links and who you share with',
  'sharing.write': 'Create, change and remove your shared links',
} as const;

export type Scope = keyof typeof PERMISSIONS;

export const isScope = (name: string): name is Scope => Object.hasOwn(PERMISSIONS, name);

/** Dropbox's `scope` field: the names, space-separated, sorted, each once. */
export const scopeText = (scopes: Iterable<string>): string => [...new Set(scopes)].sort().join(' ');

/** The names in a `scope` parameter or field; `+` and repeated spaces as a browser may send them. */
export const scopeList = (text: string): string[] => text.split(/[\s+]+/).filter((name) => name !== '');

/** What an app that names no scope is granted: every one. */
export const SCOPES = scopeText(Object.keys(PERMISSIONS));
