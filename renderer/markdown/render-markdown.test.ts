import { describe, expect, test } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('rendering Markdown for the preview', () => {
  test('every top-level block and list item carries its source line, as Monaco counts them', () => {
    const html = renderMarkdown('# Title\n\nSome *text*.\n\n- one\n- two\n\n```js\nx\n```\n\n---\n');
    expect(html).toContain('<h1 data-line="1"');
    expect(html).toContain('<p data-line="3">Some <em>text</em>.</p>');
    expect(html).toContain('<ul data-line="5">');
    expect(html).toContain('<li data-line="6">two</li>');
    expect(html).toContain('<code data-line="8" class="language-js">');
    expect(html).toContain('<hr data-line="12">');
  });

  test('a chunk further down the document counts from its own first line', () => {
    expect(renderMarkdown('para\n\n<div>raw</div>\n', 100)).toBe(
      '<p data-line="100">para</p>\n<div data-line="102"><div>raw</div>\n</div>\n',
    );
  });

  test('task lists become disabled checkboxes, ticked when done', () => {
    const html = renderMarkdown('- [x] done\n- [ ] to do\n- [y] not a task\n');
    expect(html).toContain('<ul data-line="1" class="contains-task-list">');
    expect(html).toMatch(
      /<li[^>]*class="task-list-item"><input type="checkbox"[^>]* disabled checked aria-label="Done"> done<\/li>/,
    );
    expect(html).toMatch(/<input type="checkbox"[^>]* disabled aria-label="To do"> to do/);
    expect(html).toContain('<li data-line="3">[y] not a task</li>');
  });

  test('GFM tables render as tables', () => {
    expect(renderMarkdown('| a | b |\n|---|--:|\n| 1 | 2 |\n')).toMatch(
      /<table data-line="1">[\s\S]*<th>a<\/th>[\s\S]*<td style="text-align:right">2<\/td>/,
    );
  });

  test('headings get GitHub’s anchors, a repeat numbered', () => {
    const html = renderMarkdown('## Next steps!\n\n## Next steps\n');
    expect(html).toContain('id="next-steps"');
    expect(html).toContain('id="next-steps-1"');
  });

  test('a reference defined elsewhere in the document still links', () => {
    expect(renderMarkdown('See [the plan][plan].', 1, '[plan]: ../plan.md')).toContain(
      '<a href="../plan.md">the plan</a>',
    );
  });
});
