import { useEffect, useRef } from 'react';
import type { AutoSave } from '../../electron/common/contract/shapes.ts';
import type { OpusApi } from '../opus.ts';
import { type AutoSaveVerdict, autoSaveVerdict } from './auto-save-policy.ts';
import { useAutoSaveSetting } from './auto-save-setting.ts';
import { AutoSaver } from './auto-saver.ts';
import { documentById } from './documents-state.ts';
import type { DocumentsControls } from './use-documents.ts';

export interface AutoSaveView {
  setting: AutoSave;
  /** What the policy says of the active document now (null: none). */
  active: AutoSaveVerdict | null;
}

/**
 * Auto-save (Settings, issue 18): after a pause in editing, or when the window loses focus, each
 * document the policy lets go is saved through `save`, the workspace's own Save (one revision-checked
 * request; a conflict it meets is shown as Save shows it).
 */
export function useAutoSave(
  opus: OpusApi,
  docs: DocumentsControls,
  save: (documentId: string) => Promise<boolean>,
  isPending: (documentId: string) => boolean,
): AutoSaveView {
  const setting = useAutoSaveSetting(opus);
  const latest = useRef({ docs, save, isPending });
  latest.current = { docs, save, isPending };
  const { mode, delayMs } = setting;
  const { loop } = docs;

  useEffect(() => {
    if (mode === 'off') return;
    const saver = new AutoSaver({
      verdict: (documentId) => {
        const doc = documentById(latest.current.docs.state, documentId);
        return doc ? autoSaveVerdict(doc, mode, latest.current.isPending(documentId)) : null;
      },
      save: (documentId) => latest.current.save(documentId),
      delayMs: mode === 'delay' ? delayMs : null,
    });
    const stopListening = loop.listen((documentId) => saver.edited(documentId));
    const saveAll = () => {
      for (const doc of latest.current.docs.state.docs) saver.attempt(doc.snapshot.documentId);
    };
    // A window hidden (minimized, another tab in the browser) has lost focus as surely as one blurred.
    const whenHidden = () => document.visibilityState === 'hidden' && saveAll();
    if (mode === 'blur') {
      window.addEventListener('blur', saveAll);
      document.addEventListener('visibilitychange', whenHidden);
    }
    return () => {
      stopListening();
      saver.stop();
      window.removeEventListener('blur', saveAll);
      document.removeEventListener('visibilitychange', whenHidden);
    };
  }, [loop, mode, delayMs]);

  const active = docs.active;
  return {
    setting,
    active: active ? autoSaveVerdict(active, mode, isPending(active.snapshot.documentId)) : null,
  };
}
