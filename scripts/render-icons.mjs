// node scripts/render-icons.mjs: rasterise assets/icon.svg with Playwright's Chromium into the PNG set
// electron-builder looks for in `assets/` (its buildResources), then pack those PNGs into icon.ico and
// icon.icns by hand, so the icons need no ImageMagick, iconutil or native module on the build machine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));
const ICONS = `${ASSETS}icons/`;

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entry types that hold PNG data, by the pixel size each one declares. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

/**
 * Chromium rasterises the SVG at each target size (rather than one 1024 render scaled down), so the
 * small sizes get their edges anti-aliased for their own pixel grid.
 */
async function renderPngs(svg) {
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const pngs = new Map();
    for (const size of PNG_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`,
      );
      pngs.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
      await page.close();
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** ICONDIR + one ICONDIRENTRY per image, then the PNG bytes (Vista+ reads PNG-compressed entries). */
export function buildIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // colour count: 0 for true colour
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(({ data }) => data)]);
}

/** 'icns' + total length, then per entry its type, its length including the 8-byte header, and the PNG. */
export function buildIcns(entries) {
  const chunks = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function main() {
  const svg = readFileSync(`${ASSETS}icon.svg`, 'utf8');
  const pngs = await renderPngs(svg);
  mkdirSync(ICONS, { recursive: true });
  for (const [size, data] of pngs) writeFileSync(`${ICONS}${size}x${size}.png`, data);
  writeFileSync(`${ASSETS}icon.png`, pngs.get(1024));
  writeFileSync(`${ASSETS}icon.ico`, buildIco(ICO_SIZES.map((size) => ({ size, data: pngs.get(size) }))));
  writeFileSync(
    `${ASSETS}icon.icns`,
    buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, data: pngs.get(size) }))),
  );
  console.log(`icons: ${PNG_SIZES.join(', ')} px -> assets/icons, icon.png, icon.ico, icon.icns`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
