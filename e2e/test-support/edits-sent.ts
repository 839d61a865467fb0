import type { Page, Response } from '@playwright/test';

interface EditRequest {
  change: { kind: 'edits'; edits: { insert: string }[] } | { kind: 'text'; text: string };
}

/**
 * Resolves with the answer to the page's edit call after which main has heard of `typed`: the page sends
 * edits, not its text, so the inserts of every call since this was set up are put together (typing at
 * one place, they read as typed) and the call whose answer completes them is the one waited for.
 */
export function editsCarrying(page: Page, typed: string, timeout = 30_000): Promise<Response> {
  let heard = '';
  return page.waitForResponse(
    (response) => {
      if (!response.url().endsWith('/api/call/editDocument')) return false;
      const request = JSON.parse(response.request().postData() ?? '{}') as EditRequest;
      const { change } = request;
      if (change.kind === 'text') heard = change.text;
      else for (const edit of change.edits) heard += edit.insert;
      return heard.includes(typed);
    },
    { timeout },
  );
}

/** The answer to the page's next edit call: main knows the document is dirty once it arrives. */
export function editSent(page: Page, timeout = 30_000): Promise<Response> {
  return page.waitForResponse((response) => response.url().endsWith('/api/call/editDocument'), { timeout });
}
