export interface Crumb {
  name: string;
  /** The folder this step opens ("" for the Dropbox root). */
  path: string;
}

/** A folder path as steps down to it: "Dropbox" for the root, then each folder on the way. */
export function breadcrumbTrail(path: string): Crumb[] {
  const segments = path.split('/').filter(Boolean);
  return [
    { name: 'Dropbox', path: '' },
    ...segments.map((name, index) => ({ name, path: `/${segments.slice(0, index + 1).join('/')}` })),
  ];
}
