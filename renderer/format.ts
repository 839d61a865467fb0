// How sizes, times and revisions read in the window.

const UNITS = ['KB', 'MB', 'GB', 'TB'];

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

const SAME_DAY = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const OTHER_DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatModified(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === now.toDateString()
    ? `Today ${SAME_DAY.format(date)}`
    : OTHER_DAY.format(date);
}

/** Dropbox revs are long hex strings; their tail is what changes from one save to the next. */
export function shortRev(rev: string): string {
  return rev.length <= 9 ? rev : rev.slice(-9);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || 'Dropbox';
}

export function parentFolder(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '' : path.slice(0, slash);
}
