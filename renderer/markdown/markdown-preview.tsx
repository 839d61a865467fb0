import { type MouseEvent, useCallback, useEffect, useRef, useState } from 'react';
import { baseName } from '../format.ts';
import type { OpusApi } from '../opus.ts';
import { ChunkedPreview } from './chunked-preview.ts';
import { resolveLink } from './markdown-links.ts';
import type { MonacoEditor } from './monaco-editor.ts';
import { PreviewImages, remoteImageCount } from './preview-images.ts';
import { cspAllowsRemoteImages } from './remote-images.ts';
import { useScrollSync } from './use-scroll-sync.ts';

/** After the last keystroke, so typing never waits on the preview. */
export const PREVIEW_DELAY_MS = 150;

interface MarkdownPreviewProps {
  opus: OpusApi;
  editor: MonacoEditor;
  /** The document's Dropbox path ('' untitled): relative links and images resolve against its folder. */
  path: string;
  remoteAllowed: boolean;
  onAllowRemote(): void;
  onOpenPath(path: string): void;
  onClose(): void;
}

/** The active document rendered beside the editor, following its text and its scroll. */
export function MarkdownPreview(props: MarkdownPreviewProps) {
  const { opus, editor, path, remoteAllowed, onOpenPath } = props;
  const body = useRef<HTMLDivElement>(null);
  const engine = useRef<ChunkedPreview | null>(null);
  const [remoteCount, setRemoteCount] = useState(0);

  useEffect(() => {
    const root = body.current;
    const model = editor.getModel();
    if (!root || !model) return;
    const images = new PreviewImages(opus);
    const preview = new ChunkedPreview(root, path, (section) => {
      images.show(section, remoteAllowed);
      setRemoteCount(remoteImageCount(root));
    });
    engine.current = preview;
    preview.update(model.getLinesContent());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => preview.update(model.getLinesContent()), PREVIEW_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      changed.dispose();
      preview.dispose();
      images.close();
      root.replaceChildren();
      engine.current = null;
    };
  }, [opus, editor, path, remoteAllowed]);

  const anchors = useCallback(() => engine.current?.anchors() ?? [], []);
  useScrollSync(editor, body, anchors);

  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest('a');
    if (!link) return;
    // The preview never navigates: a Dropbox file opens in Opus, a heading scrolls into view.
    event.preventDefault();
    const target = resolveLink(link.getAttribute('href') ?? '', path);
    if (target.kind === 'dropbox') onOpenPath(target.path);
    else if (target.kind === 'anchor')
      body.current?.querySelector(`[id="user-content-${CSS.escape(target.fragment)}"]`)?.scrollIntoView();
  };

  const name = path ? baseName(path) : 'Untitled';
  const allowable = cspAllowsRemoteImages();
  return (
    <aside className="markdown-preview" aria-label={`Preview of ${name}`}>
      <header className="markdown-preview-header">
        <span>Preview: {name}</span>
        <button type="button" className="markdown-preview-close" onClick={props.onClose}>
          Close Preview
        </button>
      </header>
      {remoteCount > 0 && !remoteAllowed && (
        <div className="remote-images-bar" role="status">
          {allowable ? (
            <>
              Remote images blocked.{' '}
              <button type="button" onClick={props.onAllowRemote}>
                Allow for this document
              </button>
            </>
          ) : (
            'Remote images blocked: Opus’s security policy loads no images from the web.'
          )}
        </div>
      )}
      {/* Clicks are the links' (Enter on a focused link clicks it too); the region takes the focus so a
          keyboard can scroll it. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the links inside are what is clicked */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a link is a click, handled the same */}
      <div
        ref={body}
        className="markdown-preview-body markdown-body"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keys
        tabIndex={0}
        onClick={onClick}
      />
    </aside>
  );
}
