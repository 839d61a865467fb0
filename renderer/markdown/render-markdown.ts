import MarkdownIt, { type StateCore, type Token } from 'markdown-it';

// CommonMark with GFM's tables, strikethrough and autolinks (markdown-it's own), and GFM's task lists
// and heading anchors (the two rules below). The HTML it makes is untrusted until sanitize-preview.ts
// has been over it: raw HTML in the document passes through here as written.
const markdown = new MarkdownIt('default', { html: true, linkify: true });
markdown.core.ruler.push('opus_source_lines', markSourceLines);
markdown.core.ruler.push('opus_task_lists', makeTaskLists);
markdown.core.ruler.push('opus_heading_ids', giveHeadingsIds);
// Raw HTML blocks are written out as they are, attributes and all: a wrapper carries their line.
markdown.renderer.rules.html_block = (tokens, index, _options, env) => {
  const token = tokens[index];
  const firstLine = Number(env?.firstLine ?? 1);
  const line = token?.map ? ` data-line="${token.map[0] + firstLine}"` : '';
  return `<div${line}>${token?.content ?? ''}</div>\n`;
};

/**
 * Markdown as HTML (unsanitized), each block element marked with its line in the document.
 * `references`: the document's link reference definitions, which a chunk needs wherever they stand.
 */
export function renderMarkdown(source: string, firstLine = 1, references = ''): string {
  // firstLine: the source's first line in the document, as a chunk (markdown-chunks.ts) starts further down.
  return markdown.render(references ? `${source}\n\n${references}` : source, { firstLine });
}

/** Monaco's line numbers (1-based) on every block that opens, so the two sides can scroll in step. */
function markSourceLines(state: StateCore): void {
  const firstLine = Number(state.env.firstLine ?? 1);
  for (const token of state.tokens) {
    if (!token.map) continue;
    // Items of a list are blocks of their own: a long list scrolls in step item by item.
    const block = token.level === 0 && (token.nesting === 1 || SINGLE_BLOCKS.has(token.type));
    if (block || token.type === 'list_item_open')
      token.attrSet('data-line', String(token.map[0] + firstLine));
  }
}

const SINGLE_BLOCKS = new Set(['fence', 'code_block', 'hr']);

const TASK = /^\[([ xX])\][ \t]/;

/** `- [ ] todo` and `- [x] done`: a disabled checkbox at the start of the item, as GitHub shows it. */
function makeTaskLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let at = 2; at < tokens.length; at++) {
    const inline = tokens[at];
    const paragraph = tokens[at - 1];
    const item = tokens[at - 2];
    if (inline?.type !== 'inline' || paragraph?.type !== 'paragraph_open') continue;
    if (item?.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const mark = first?.type === 'text' ? TASK.exec(first.content) : null;
    if (!first || !mark || !inline.children) continue;
    const done = mark[1] !== ' ';
    first.content = first.content.slice(mark[0].length);
    const box = new state.Token('html_inline', '', 0);
    box.content = `<input type="checkbox" class="task-list-item-checkbox" disabled${done ? ' checked' : ''} aria-label="${done ? 'Done' : 'To do'}"> `;
    inline.children.unshift(box);
    item.attrJoin('class', 'task-list-item');
    const list = listOpening(tokens, at - 2, item.level);
    if (list && !list.attrGet('class')) list.attrSet('class', 'contains-task-list');
  }
}

function listOpening(tokens: Token[], from: number, itemLevel: number): Token | undefined {
  for (let at = from; at >= 0; at--) {
    const token = tokens[at];
    if (token && token.level === itemLevel - 1 && token.nesting === 1) return token;
  }
  return undefined;
}

/** GitHub's anchors: `## Next steps` is `#next-steps`, a repeat `#next-steps-1`. */
function giveHeadingsIds(state: StateCore): void {
  const seen = new Map<string, number>();
  state.tokens.forEach((token, at) => {
    if (token.type !== 'heading_open') return;
    const slug = headingSlug(state.tokens[at + 1]?.content ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    token.attrSet('id', count ? `${slug}-${count}` : slug);
  });
}

export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
