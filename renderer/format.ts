// How sizes, times and paths read in the window (revs: short-revs.ts).
import type { LineEnding } from '../electron/common/contract/shapes.ts';

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

const SAME_DAY_SECONDS = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const OTHER_DAY_SECONDS = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A revision's time, to the second: two saves a minute apart must not read the same. */
export function formatRevisionTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === now.toDateString()
    ? `Today ${SAME_DAY_SECONDS.format(date)}`
    : OTHER_DAY_SECONDS.format(date);
}

/** A revision's time in a sentence, date and all: "Restore the version of 17 May 2024, 09:30:05?" */
export function formatExactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : OTHER_DAY_SECONDS.format(date);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || 'Dropbox';
}

export function parentFolder(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '' : path.slice(0, slash);
}

/** Space in the account panel: "1.2 GB of 2.0 GB used"; a zero allocation means Dropbox did not say. */
export function formatSpace(used: number, allocated: number): string {
  return allocated > 0 ? `${formatSize(used)} of ${formatSize(allocated)} used` : `${formatSize(used)} used`;
}

/** Whole percent, never 100 before the end: "99 %" while the last bytes are still on their way. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  const percent = Math.floor((part / whole) * 100);
  return Math.min(Math.max(percent, 0), part >= whole ? 100 : 99);
}

const ENCODING_LABELS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

/** The status bar's encoding: "UTF-8", "UTF-8 with BOM", "UTF-16 LE with BOM", "WINDOWS-1252". */
export function encodingLabel(format: { encoding: string; bom: boolean }): string {
  const name = ENCODING_LABELS[format.encoding.toLowerCase()] ?? format.encoding.toUpperCase();
  return format.bom ? `${name} with BOM` : name;
}

/** The status bar's line endings, as editors name them. */
export function lineEndingLabel(lineEnding: LineEnding): string {
  return lineEnding === 'crlf' ? 'CRLF' : 'LF';
}
