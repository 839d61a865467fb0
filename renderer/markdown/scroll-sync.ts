// The editor and the preview scroll in step by source line: every block the preview shows carries its
// first line (`data-line`, render-markdown.ts), so a line maps to a height in the preview and back,
// in between two blocks by proportion.

/** A block's first source line and where it starts in the preview, in pixels. */
export interface LineAnchor {
  line: number;
  top: number;
}

/** Where in the preview `line` (fractional: part-way down a line) is; anchors sorted by line. */
export function topForLine(anchors: readonly LineAnchor[], line: number): number {
  const [before, after] = around(anchors, line, (anchor) => anchor.line);
  if (!before) return 0;
  if (!after || after.line === before.line) return before.top;
  return before.top + ((line - before.line) / (after.line - before.line)) * (after.top - before.top);
}

/** The source line at `top` in the preview; anchors sorted by line (and so by top). */
export function lineForTop(anchors: readonly LineAnchor[], top: number): number {
  const [before, after] = around(anchors, top, (anchor) => anchor.top);
  if (!before) return 1;
  if (!after || after.top === before.top) return before.line;
  return before.line + ((top - before.top) / (after.top - before.top)) * (after.line - before.line);
}

/** The last anchor at or before `value` and the one after it (binary search: a long list has many). */
function around(
  anchors: readonly LineAnchor[],
  value: number,
  key: (anchor: LineAnchor) => number,
): [LineAnchor | undefined, LineAnchor | undefined] {
  let low = 0;
  let high = anchors.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (key(anchors[middle] as LineAnchor) <= value) low = middle + 1;
    else high = middle;
  }
  return [anchors[low - 1] ?? anchors[0], anchors[low]];
}
