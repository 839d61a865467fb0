import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox();
  const client = lb.client();
  await client.filesUpload({ path: '/Notes/magnum-opus.txt', contents: 'the secret text\n' });
  await client.filesUpload({ path: '/Notes/<img src=x onerror=alert(1)> & name.txt', contents: 'x' });
  await client.filesCreateFolderV2({ path: '/Notes/Drafts' });
});
afterAll(() => lb.stop());

const home = (rest: string) => fetch(`${lb.box.url}/home${rest}`);

describe("localbox's folder page", () => {
  test('lists the folder without a token, folders first, and marks the previewed file', async () => {
    const answer = await home('/Notes?preview=magnum-opus.txt');
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toMatch(/<li><a href="\/home\/Notes\/Drafts">Drafts\/<\/a><\/li><li.*magnum-opus/s);
    expect(html).toContain('<li aria-current="true">magnum-opus.txt<span class="size">16 bytes</span></li>');
    expect(html.match(/aria-current="true"/g)).toHaveLength(1);
  });

  test('names are text, never markup, and no file bytes are on the page', async () => {
    const html = await (await home('/notes')).text();
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; name.txt');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('the secret text');
  });

  test('other origins can neither frame it nor read it', async () => {
    const answer = await home('');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  test('a file, a missing folder or a malformed path is no folder page', async () => {
    expect((await home('/Notes/magnum-opus.txt')).status).toBe(404);
    expect((await home('/Nowhere')).status).toBe(404);
    expect((await home('/%E0%A4%A')).status).toBe(404);
  });
});
