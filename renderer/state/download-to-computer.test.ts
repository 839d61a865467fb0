import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OpusApi } from '../opus.ts';
import { downloadToComputer } from './download-to-computer.ts';

const BYTES = new Uint8Array([0xef, 0xbb, 0xbf, 0x43, 0x61, 0x6c, 0x6c, 0x0d, 0x0a, 0x00, 0xff]);

/** Only the three commands this feature calls; any other call fails the test. */
function fakeOpus(overrides: Partial<OpusApi>): OpusApi {
  return overrides as OpusApi;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('Download to Computer in Electron', () => {
  it('asks where with the file name suggested, then lets main write the bytes there', async () => {
    const chooseSaveLocation = vi.fn(async () => ({ choice: 'c-1', name: 'magnum-opus.txt' }));
    const download = vi.fn(async () => ({ name: 'magnum-opus.txt', size: 11 }));
    const opus = fakeOpus({ chooseSaveLocation, downloadToComputer: download });

    const outcome = await downloadToComputer(opus, '/Notes/magnum-opus.txt', true);

    expect(chooseSaveLocation).toHaveBeenCalledWith({ suggestedName: 'magnum-opus.txt' });
    expect(download).toHaveBeenCalledWith({
      path: '/Notes/magnum-opus.txt',
      choice: 'c-1',
    });
    expect(outcome).toEqual({ saved: true, name: 'magnum-opus.txt', size: 11 });
  });

  it('downloads nothing when the save dialog is cancelled', async () => {
    const download = vi.fn();
    const opus = fakeOpus({ chooseSaveLocation: async () => null, downloadToComputer: download });

    const outcome = await downloadToComputer(opus, '/magnum-opus.txt', true);

    expect(download).not.toHaveBeenCalled();
    expect(outcome.saved).toBe(false);
  });
});

describe('Download to Computer in the browser host', () => {
  it('hands the browser the exact bytes under the file name, then frees the URL', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const link = { href: '', download: '', hidden: false, click: vi.fn(), remove: vi.fn() };
    vi.stubGlobal('document', { createElement: () => link, body: { append: vi.fn() } });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:opus/1';
    });
    const opus = fakeOpus({
      downloadToComputer: async () => ({
        name: 'magnum-opus.txt',
        size: BYTES.length,
        base64: '77u/Q2FsbA0KAP8=', // BYTES, as main's Buffer encodes them
      }),
    });

    const outcome = await downloadToComputer(opus, '/magnum-opus.txt', false);

    expect(outcome).toEqual({ saved: true, name: 'magnum-opus.txt', size: BYTES.length });
    expect(link.click).toHaveBeenCalledOnce();
    expect(link).toMatchObject({ href: 'blob:opus/1', download: 'magnum-opus.txt' });
    expect(blobs[0]?.type).toBe('application/octet-stream');
    expect(new Uint8Array(await (blobs[0] as Blob).arrayBuffer())).toEqual(BYTES);
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:opus/1');
  });
});
