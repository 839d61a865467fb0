import type { Revision, RevisionText } from '../state/use-revisions.ts';
import { MonacoView } from './monaco-view.tsx';
import { RevisionLabel } from './revision-label.tsx';

interface PreviewProps {
  revision: Revision | null;
  /** How the revision's rev reads in the list beside it. */
  short: string;
  preview: RevisionText;
  currentText: string;
  language: string;
}

/** The selected revision (left, read-only) against the editor's text (right). */
export function RevisionPreview({ revision, short, preview, currentText, language }: PreviewProps) {
  if (!revision || preview.kind === 'none')
    return <p className="revision-preview hint">Choose a revision to compare it with your text.</p>;
  return (
    <section className="revision-preview" aria-label="Revision preview">
      <h3>
        Revision <RevisionLabel rev={revision.rev} short={short} /> ↔ Your current text
      </h3>
      {preview.kind === 'loading' && <p aria-busy="true">Loading revision {short}…</p>}
      {preview.kind === 'error' && (
        <p className="error" role="alert">
          {preview.message}
        </p>
      )}
      {preview.kind === 'loaded' && (
        <>
          <p className="hint">
            {preview.text === currentText
              ? 'This revision is the same as your current text.'
              : `Left: revision ${short} (read-only). Right: your current text.`}
          </p>
          <MonacoView
            label={`Revision ${short} compared with your current text`}
            language={language}
            original={preview.text}
            text={currentText}
          />
        </>
      )}
    </section>
  );
}
