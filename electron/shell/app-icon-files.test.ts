import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// The packaged app's icons come from `node scripts/render-icons.mjs`; this reads the committed files back
// so a hand-packed ICO or ICNS that Windows or macOS would refuse never ships.
const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's pixel size, from its IHDR chunk (always the first, right after the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('the Linux icon set holds a PNG of each size, named for its size', () => {
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    const png = readFileSync(`${ASSETS}icons/${size}x${size}.png`);
    expect(pngSize(png), `${size}x${size}.png`).toEqual({ width: size, height: size });
  }
  expect(pngSize(readFileSync(`${ASSETS}icon.png`))).toEqual({ width: 1024, height: 1024 });
});

test('icon.ico lists seven PNG-compressed sizes from 16 to 256 px, each pointing at its PNG', () => {
  const ico = readFileSync(`${ASSETS}icon.ico`);
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  const count = ico.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    const size = ico.readUInt8(entry) || 256;
    expect(ico.readUInt8(entry + 1) || 256).toBe(size);
    expect([ico.readUInt8(entry + 2), ico.readUInt8(entry + 3)]).toEqual([0, 0]);
    expect([ico.readUInt16LE(entry + 4), ico.readUInt16LE(entry + 6)]).toEqual([1, 32]);
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(ico.length);
    expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width: size, height: size });
    sizes.push(size);
  }
  expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
});

test('icon.icns declares its own length and holds a PNG of the size each entry type names', () => {
  const icns = readFileSync(`${ASSETS}icon.icns`);
  expect(icns.toString('latin1', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const sizeOfType: Record<string, number> = {
    icp4: 16,
    icp5: 32,
    icp6: 64,
    ic07: 128,
    ic08: 256,
    ic09: 512,
    ic10: 1024,
  };
  const types: string[] = [];
  let at = 8;
  while (at < icns.length) {
    const type = icns.toString('latin1', at, at + 4);
    const length = icns.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    expect(at + length).toBeLessThanOrEqual(icns.length);
    const size = sizeOfType[type];
    expect(size, `entry type ${type}`).toBeDefined();
    expect(pngSize(icns.subarray(at + 8, at + length))).toEqual({ width: size, height: size });
    types.push(type);
    at += length;
  }
  expect(at).toBe(icns.length);
  expect(types).toEqual(Object.keys(sizeOfType));
});
