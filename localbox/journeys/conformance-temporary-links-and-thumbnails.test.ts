import type { files } from 'dropbox';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { buildRoutes } from '../routes/index.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { expectShape, FileMetadata, routeError } from '../test-support/shapes.ts';

/** A test picture: a left half red and a right half blue, so scaling and cropping show. */
function picture(width: number, height: number): { data: Buffer; width: number; height: number } {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data.set(x < width / 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * width + x) * 4);
  return { data, width, height };
}
const pngOf = (width: number, height: number) => {
  const png = new PNG({ width, height });
  png.data = picture(width, height).data;
  return PNG.sync.write(png);
};
const jpegOf = (width: number, height: number) => jpeg.encode(picture(width, height), 90).data;
const sizeOfPng = (bytes: Buffer) => {
  const png = PNG.sync.read(bytes);
  return [png.width, png.height];
};
const sizeOfJpeg = (bytes: Buffer) => {
  const image = jpeg.decode(bytes, { useTArray: true });
  return [image.width, image.height];
};
const binary = (result: unknown) => (result as { fileBinary: Buffer }).fileBinary;

const GetTemporaryLinkResult = z.strictObject({ metadata: FileMetadata, link: z.string().url() });
const PreviewResult = z.strictObject({ file_metadata: FileMetadata });

describe('files/get_temporary_link', () => {
  let lb: TestLocalbox;
  beforeAll(async () => {
    lb = await startTestLocalbox();
  });
  afterAll(() => lb.stop());
  afterEach(() => vi.useRealTimers());

  it('hands out a link that serves the bytes with no Authorization, by mime type, and by range', async () => {
    const dbx = lb.client();
    const written = (await dbx.filesUpload({ path: '/Links/notes.txt', contents: Buffer.from('hello link') }))
      .result;
    const res = await dbx.filesGetTemporaryLink({ path: '/links/NOTES.txt' });
    expect(res.headers.get('content-type')).toBe('application/json');
    const result: files.GetTemporaryLinkResult = expectShape(GetTemporaryLinkResult, res.result);
    expect(result.metadata).toEqual(written);

    const served = await fetch(result.link);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await served.text()).toBe('hello link');
    const part = await fetch(result.link, { headers: { Range: 'bytes=6-' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('link');
    // The link names the revision it was made for: a later save does not change what it serves.
    await dbx.filesUpload({
      path: '/Links/notes.txt',
      contents: Buffer.from('changed'),
      mode: { '.tag': 'overwrite' },
    });
    expect(await (await fetch(result.link)).text()).toBe('hello link');
  });

  it('answers 410 Gone once four hours have passed, and 404 for a link it never made', async () => {
    const dbx = lb.client();
    await dbx.filesUpload({ path: '/Links/brief.txt', contents: Buffer.from('brief') });
    const { link } = (await dbx.filesGetTemporaryLink({ path: '/Links/brief.txt' })).result;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 4 * 60 * 60 * 1000 - 5_000);
    expect((await fetch(link)).status).toBe(200);
    vi.setSystemTime(Date.now() + 10_000);
    const gone = await fetch(link);
    expect(gone.status).toBe(410);
    vi.useRealTimers();
    const forged = link.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(forged)).status).toBe(404);
  });

  it('refuses a folder and a missing file with the path LookupError', async () => {
    const dbx = lb.client();
    await dbx.filesCreateFolderV2({ path: '/Links/Folder' });
    expect(await routeError(dbx.filesGetTemporaryLink({ path: '/Links/Folder' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_file' },
    });
    expect(await routeError(dbx.filesGetTemporaryLink({ path: '/Links/none.txt' }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
  });
});

describe('thumbnails: files/get_thumbnail_v2, get_thumbnail and get_thumbnail_batch', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
    await dbx.filesUpload({ path: '/Pics/wide.png', contents: pngOf(300, 200) });
    await dbx.filesUpload({ path: '/Pics/tall.jpg', contents: jpegOf(120, 360) });
    await dbx.filesUpload({ path: '/Pics/tiny.png', contents: pngOf(20, 10) });
    await dbx.filesUpload({ path: '/Pics/notes.txt', contents: Buffer.from('not a picture') });
    await dbx.filesUpload({ path: '/Pics/broken.jpg', contents: Buffer.from('not a jpeg at all') });
  });
  afterAll(() => lb.stop());

  it('scales a PNG down into the box as JPEG by default, with PreviewResult in Dropbox-API-Result', async () => {
    const res = await dbx.filesGetThumbnailV2({ resource: { '.tag': 'path', path: '/Pics/wide.png' } });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const header = JSON.parse(res.headers.get('dropbox-api-result') ?? 'null');
    const preview: files.PreviewResult = expectShape(PreviewResult, header);
    expect(preview.file_metadata?.path_display).toBe('/Pics/wide.png');
    const thumbnail = binary(res.result);
    expect(thumbnail.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(sizeOfJpeg(thumbnail)).toEqual([64, 43]);
  });

  it('follows the size, format and mode asked for, and never scales up', async () => {
    const thumb = async (
      path: string,
      size: files.ThumbnailSize,
      mode: files.ThumbnailMode,
      format: files.ThumbnailFormat,
    ) =>
      binary(
        (await dbx.filesGetThumbnailV2({ resource: { '.tag': 'path', path }, size, mode, format })).result,
      );
    const png = await thumb(
      '/Pics/wide.png',
      { '.tag': 'w128h128' },
      { '.tag': 'strict' },
      { '.tag': 'png' },
    );
    expect(sizeOfPng(png)).toEqual([128, 85]);
    // A left-red, right-blue picture keeps its halves.
    const decoded = PNG.sync.read(png);
    expect([...decoded.data.subarray(0, 3)]).toEqual([255, 0, 0]);
    expect([...decoded.data.subarray((128 - 1) * 4, (128 - 1) * 4 + 3)]).toEqual([0, 0, 255]);
    // strict fits a 120x360 portrait into 480x320: 107x320; bestfit turns the box to 320x480: 120x360.
    expect(
      sizeOfJpeg(
        await thumb('/Pics/tall.jpg', { '.tag': 'w480h320' }, { '.tag': 'strict' }, { '.tag': 'jpeg' }),
      ),
    ).toEqual([107, 320]);
    expect(
      sizeOfJpeg(
        await thumb('/Pics/tall.jpg', { '.tag': 'w480h320' }, { '.tag': 'bestfit' }, { '.tag': 'jpeg' }),
      ),
    ).toEqual([120, 360]);
    // fitone_bestfit covers the (turned) box and crops to it: 64x64 from 300x200 scaled to 96x64.
    expect(
      sizeOfPng(
        await thumb('/Pics/wide.png', { '.tag': 'w64h64' }, { '.tag': 'fitone_bestfit' }, { '.tag': 'png' }),
      ),
    ).toEqual([64, 64]);
    expect(
      sizeOfPng(
        await thumb('/Pics/tiny.png', { '.tag': 'w256h256' }, { '.tag': 'strict' }, { '.tag': 'png' }),
      ),
    ).toEqual([20, 10]);
    expect(
      sizeOfPng(
        await thumb('/Pics/wide.png', { '.tag': 'w32h32' }, { '.tag': 'original' }, { '.tag': 'png' }),
      ),
    ).toEqual([300, 200]);
  });

  it('refuses what it cannot picture with ThumbnailV2Error members', async () => {
    const v2 = (path: string, format: files.ThumbnailFormat = { '.tag': 'jpeg' }) =>
      routeError(dbx.filesGetThumbnailV2({ resource: { '.tag': 'path', path }, format }));
    expect(await v2('/Pics/notes.txt')).toEqual({ '.tag': 'unsupported_extension' });
    expect(await v2('/Pics/broken.jpg')).toEqual({ '.tag': 'unsupported_image' });
    expect(await v2('/Pics/wide.png', { '.tag': 'webp' })).toEqual({ '.tag': 'conversion_error' });
    expect(await v2('/Pics/none.png')).toEqual({ '.tag': 'path', path: { '.tag': 'not_found' } });
    expect(await v2('/Pics')).toEqual({ '.tag': 'path', path: { '.tag': 'not_file' } });
  });

  it('answers the deprecated get_thumbnail with the bare FileMetadata in Dropbox-API-Result', async () => {
    const res = await dbx.filesGetThumbnail({ path: '/Pics/wide.png', format: { '.tag': 'png' } });
    const header = JSON.parse(res.headers.get('dropbox-api-result') ?? 'null');
    expect(expectShape(FileMetadata, header).path_display).toBe('/Pics/wide.png');
    expect(sizeOfPng(binary(res.result))).toEqual([64, 43]);
  });

  it('get_thumbnail_batch answers base64 thumbnails and per-entry failures, at most 25 entries', async () => {
    const res = await dbx.filesGetThumbnailBatch({
      entries: [
        { path: '/Pics/wide.png', format: { '.tag': 'png' } },
        { path: '/Pics/notes.txt' },
        { path: '/Pics/none.png' },
      ],
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    const [ok, unsupported, missing] = res.result.entries;
    expect(ok?.['.tag']).toBe('success');
    const success = ok as files.GetThumbnailBatchResultEntrySuccess;
    expect(expectShape(FileMetadata, success.metadata).path_display).toBe('/Pics/wide.png');
    expect(sizeOfPng(Buffer.from(success.thumbnail, 'base64'))).toEqual([64, 43]);
    expect(unsupported).toEqual({ '.tag': 'failure', failure: { '.tag': 'unsupported_extension' } });
    expect(missing).toEqual({
      '.tag': 'failure',
      failure: { '.tag': 'path', path: { '.tag': 'not_found' } },
    });
    const tooMany = Array.from({ length: 26 }, () => ({ path: '/Pics/wide.png' }));
    expect(await routeError(dbx.filesGetThumbnailBatch({ entries: tooMany }))).toEqual({
      '.tag': 'too_many_files',
    });
  });

  it('sets Dropbox-API-Result on every download-style route it serves', async () => {
    const link = (await dbx.sharingCreateSharedLinkWithSettings({ path: '/Pics/notes.txt' })).result.url;
    const calls: Record<string, () => Promise<{ headers: Headers }>> = {
      'sharing/get_shared_link_file': () => dbx.sharingGetSharedLinkFile({ url: link }) as never,
      'files/download': () => dbx.filesDownload({ path: '/Pics/notes.txt' }) as never,
      'files/get_thumbnail': () => dbx.filesGetThumbnail({ path: '/Pics/tiny.png' }) as never,
      'files/get_thumbnail_v2': () =>
        dbx.filesGetThumbnailV2({ resource: { '.tag': 'path', path: '/Pics/tiny.png' } }) as never,
    };
    const served = [...buildRoutes().api.values()]
      .filter((route) => route.style === 'download')
      .map((r) => r.name);
    expect(served.sort()).toEqual(Object.keys(calls).sort());
    for (const [route, call] of Object.entries(calls)) {
      const header = (await call()).headers.get('dropbox-api-result');
      expect(header, route).toMatch(/^\{.*\}$/);
      expect(header, route).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
