import { type Chunk, referenceDefinitions, splitIntoChunks } from './markdown-chunks.ts';
import { renderMarkdown } from './render-markdown.ts';
import { sanitizePreview } from './sanitize-preview.ts';
import type { LineAnchor } from './scroll-sync.ts';

/** A chunk not yet rendered holds its place at about this many pixels a line, so the scrollbar is right. */
const PLACEHOLDER_LINE_PX = 20;

interface Part {
  section: HTMLElement;
  chunk: Chunk;
  /** The document's reference definitions, which every chunk renders with. */
  references: string;
  /** What it shows: the chunk's line, references and source when rendered; '' while a placeholder. */
  shown: string;
  wanted: string;
}

/**
 * The preview's DOM: one <section> per chunk (markdown-chunks.ts). A chunk is rendered (markdown-it,
 * then DOMPurify) when it comes within half a screen of the view and again when its text changed while
 * in view; the others keep what they showed, or a placeholder of about their height.
 */
export class ChunkedPreview {
  private parts: Part[] = [];
  private readonly near = new Set<HTMLElement>();
  private readonly observer: IntersectionObserver;
  private totalLines = 1;

  constructor(
    private readonly root: HTMLElement,
    private readonly path: string,
    private readonly rendered: (section: HTMLElement) => void,
  ) {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const section = entry.target as HTMLElement;
          if (!entry.isIntersecting) this.near.delete(section);
          else {
            this.near.add(section);
            const part = this.parts.find((each) => each.section === section);
            if (part) this.renderIfStale(part);
          }
        }
      },
      { root, rootMargin: '50% 0px' },
    );
  }

  /** The document's new text: chunks near the view that changed are rendered now, the rest when seen. */
  update(lines: readonly string[]): void {
    this.totalLines = lines.length;
    const chunks = splitIntoChunks(lines);
    const references = referenceDefinitions(lines);
    chunks.forEach((chunk, at) => {
      const wanted = `${chunk.firstLine}\n${references}\n${chunk.source}`;
      let part = this.parts[at];
      if (!part) {
        const section = document.createElement('section');
        section.className = 'markdown-chunk';
        this.root.append(section);
        this.observer.observe(section);
        part = { section, chunk, references, shown: '', wanted };
        this.parts.push(part);
      }
      part.chunk = chunk;
      part.references = references;
      part.wanted = wanted;
      part.section.dataset.line = String(chunk.firstLine);
      if (this.near.has(part.section)) this.renderIfStale(part);
      else if (!part.shown) part.section.style.height = `${chunk.lineCount * PLACEHOLDER_LINE_PX}px`;
    });
    for (const gone of this.parts.splice(chunks.length)) {
      this.observer.unobserve(gone.section);
      this.near.delete(gone.section);
      gone.section.remove();
    }
  }

  /** Every block's first line and its top in the scrolled content, in order, and the end. */
  anchors(): LineAnchor[] {
    const origin = this.root.getBoundingClientRect().top - this.root.scrollTop;
    const anchors: LineAnchor[] = [];
    for (const element of this.root.querySelectorAll<HTMLElement>('[data-line]')) {
      const line = Number(element.dataset.line);
      const last = anchors[anchors.length - 1];
      // A document's own data-line attributes cannot send the anchors backwards.
      if (!Number.isFinite(line) || (last && line < last.line)) continue;
      anchors.push({ line, top: element.getBoundingClientRect().top - origin });
    }
    anchors.push({ line: this.totalLines + 1, top: this.root.scrollHeight });
    return anchors;
  }

  dispose(): void {
    this.observer.disconnect();
  }

  private renderIfStale(part: Part): void {
    if (part.shown === part.wanted) return;
    const { source, firstLine } = part.chunk;
    part.section.innerHTML = sanitizePreview(renderMarkdown(source, firstLine, part.references), this.path);
    part.section.removeAttribute('style');
    part.shown = part.wanted;
    this.rendered(part.section);
  }
}
