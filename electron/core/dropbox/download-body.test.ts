import { describe, expect, it } from 'vitest';
import { downloadedBytes } from './download-body.ts';

describe('download bodies from either SDK build', () => {
  it('takes fileBlob, as the es/ build (any bundle) returns it', async () => {
    const bytes = await downloadedBytes({ fileBlob: new Blob([new Uint8Array([0xe2, 0x82, 0xac, 0x0a])]) });
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.toString('utf8')).toBe('€\n');
  });

  it('takes fileBinary, as the CommonJS build returns it, without copying a Buffer', async () => {
    const binary = Buffer.from('plain');
    expect(await downloadedBytes({ fileBinary: binary })).toBe(binary);
    const view = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    expect([...(await downloadedBytes({ fileBinary: view }))]).toEqual([2, 3]);
  });

  it('refuses a result with neither', async () => {
    await expect(downloadedBytes({})).rejects.toThrow(/fileBinary or fileBlob/);
  });
});
