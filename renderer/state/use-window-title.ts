import { useEffect } from 'react';
import type { OpenDocument } from './open-document.ts';

/** "● notes.md — Work — Opus": the active file, its folder, and whether it has unsaved changes. */
export function windowTitle(doc: OpenDocument | null): string {
  if (!doc) return 'Opus';
  const { name, path } = doc.remote;
  const folder = path.slice(0, path.lastIndexOf('/')) || 'Dropbox';
  const state =
    doc.saveState.kind === 'conflict'
      ? ' (conflict)'
      : doc.saveState.kind === 'pending'
        ? ' (pending upload)'
        : '';
  return `${doc.dirty ? '● ' : ''}${name}${state} — ${folder} — Opus`;
}

export function useWindowTitle(doc: OpenDocument | null): void {
  const title = windowTitle(doc);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
