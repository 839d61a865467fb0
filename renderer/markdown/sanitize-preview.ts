import DOMPurify from 'dompurify';
import { resolveLink } from './markdown-links.ts';

// What the preview may show of a document's HTML: markup and text only. DOMPurify takes out scripts,
// handlers and `javascript:` URLs; on top of its defaults nothing here can reach the network or the page:
// no SVG or MathML (USE_PROFILES), no styles (CSS `url()`), no forms, media or srcset, and images lose
// their `src` until preview-images.ts decides (Dropbox bytes as blob:, remote only when allowed).
const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'form',
    'button',
    'textarea',
    'select',
    'audio',
    'video',
    'source',
    'track',
    'picture',
  ],
  FORBID_ATTR: ['style', 'srcset', 'background', 'poster', 'action', 'formaction', 'ping', 'target'],
  // The document's own data-* would pass for ours (data-opus-image): only the line marks are kept.
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ['data-line'],
  // `id="location"` and the like are prefixed (`user-content-`), as GitHub does, so none shadows the page's.
  SANITIZE_NAMED_PROPS: true,
};

/** The attributes an image carries instead of `src`, for preview-images.ts. */
export const IMAGE_ATTRIBUTE = { dropbox: 'data-opus-image', remote: 'data-opus-remote' } as const;

let purifier: ReturnType<typeof DOMPurify> | null = null;
let documentPath = '';

function thePurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const made = DOMPurify(window);
  made.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'IMG') holdImage(node);
    // A raw <input> in the document is shown as the task lists' checkboxes are: inert.
    if (node.tagName === 'INPUT') {
      node.setAttribute('type', 'checkbox');
      node.setAttribute('disabled', '');
      node.removeAttribute('name');
      node.removeAttribute('value');
    }
  });
  purifier = made;
  return made;
}

function holdImage(image: Element): void {
  const source = image.getAttribute('src') ?? '';
  image.removeAttribute('src');
  const target = resolveLink(source, documentPath);
  if (target.kind === 'dropbox') image.setAttribute(IMAGE_ATTRIBUTE.dropbox, target.path);
  else if (target.kind === 'web') image.setAttribute(IMAGE_ATTRIBUTE.remote, target.url);
  else if (target.kind === 'data') image.setAttribute('src', target.url);
}

/**
 * `html` (renderMarkdown's) made safe to put in the page, for the document at `path` (its images'
 * relative paths resolve against it). DOMPurify parses it in an inert document, so nothing in it
 * loads or runs before it is clean.
 */
export function sanitizePreview(html: string, path: string): string {
  documentPath = path;
  return thePurifier().sanitize(html, CONFIG);
}
