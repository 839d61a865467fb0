import type { OpusApi } from '../opus.ts';
import { base64ToBytes } from '../state/base64.ts';
import { IMAGE_ATTRIBUTE } from './sanitize-preview.ts';

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  // An SVG shown by <img> runs no script and loads nothing (browsers treat it as an image document).
  svg: 'image/svg+xml',
};

/**
 * The Dropbox's images of one preview, as blob: URLs (the CSP's img-src allows blob:, not Dropbox):
 * the bytes come through the contract (downloadToComputer without a choice answers with them), each
 * path once, and every URL is revoked when the preview goes.
 */
export class PreviewImages {
  private readonly urls = new Map<string, Promise<string | null>>();
  private closed = false;

  constructor(private readonly opus: OpusApi) {}

  /** Fills in the held images under `root`; remote ones get their URL only when `remoteAllowed`. */
  show(root: ParentNode, remoteAllowed: boolean): void {
    for (const image of root.querySelectorAll<HTMLImageElement>(`img[${IMAGE_ATTRIBUTE.dropbox}]`)) {
      const path = image.getAttribute(IMAGE_ATTRIBUTE.dropbox) ?? '';
      void this.urlOf(path).then((url) => {
        if (url && !this.closed) image.src = url;
      });
    }
    if (!remoteAllowed) return;
    for (const image of root.querySelectorAll<HTMLImageElement>(`img[${IMAGE_ATTRIBUTE.remote}]`))
      image.src = image.getAttribute(IMAGE_ATTRIBUTE.remote) ?? '';
  }

  close(): void {
    this.closed = true;
    for (const url of this.urls.values()) void url.then((made) => made && URL.revokeObjectURL(made));
    this.urls.clear();
  }

  private urlOf(path: string): Promise<string | null> {
    let url = this.urls.get(path.toLowerCase());
    if (!url) {
      const type = IMAGE_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
      // Not an image by its name: no bytes are asked for (a link to a 1 GB file is no picture).
      url = type
        ? this.opus.downloadToComputer({ path }).then(
            ({ base64 }) => URL.createObjectURL(new Blob([base64ToBytes(base64 ?? '')], { type })),
            () => null,
          )
        : Promise.resolve(null);
      this.urls.set(path.toLowerCase(), url);
    }
    return url;
  }
}

/** How many images in `root` are from the web. */
export function remoteImageCount(root: ParentNode): number {
  return root.querySelectorAll(`img[${IMAGE_ATTRIBUTE.remote}]`).length;
}
