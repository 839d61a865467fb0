import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpusError } from '../errors.ts';
import { type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { type DecodedText, decodeText } from './codec.ts';
import { downloadText } from './download-text.ts';

let bench: GatewayBench;
beforeAll(async () => {
  bench = await startGatewayBench();
});
afterAll(() => bench.stop());

const MiB = 1024 * 1024;
const prose = (lines: number, ending: string) =>
  Array.from({ length: lines }, (_, n) => `Line ${n}: café, naïve, 😀 — “quoted”`).join(ending) + ending;

/** The original bytes as hex: arrays of a few MiB compare slowly. */
const comparable = ({ original, ...rest }: DecodedText) =>
  original ? { ...rest, original: Buffer.from(original).toString('hex') } : rest;

/** What opening gave before: the whole download, then decodeText (or its refusal). */
async function downloadThenDecode(path: string) {
  const { file, bytes } = await bench.gateway().download(path);
  try {
    return { file, decoded: comparable(decodeText(bytes)) };
  } catch (error) {
    return { file, refused: error };
  }
}

async function streamed(path: string) {
  try {
    const { file, decoded } = await downloadText(bench.gateway(), path);
    return { file, decoded: comparable(decoded) };
  } catch (error) {
    if (!isOpusError(error)) throw error;
    return { file: (await bench.gateway().download(path)).file, refused: error };
  }
}

const FILES: Record<string, Uint8Array> = {
  '/text/large-lf.txt': Buffer.from(prose(60_000, '\n')),
  '/text/large-crlf.txt': Buffer.from(prose(60_000, '\r\n')),
  '/text/mixed.txt': Buffer.from(`${prose(20_000, '\r\n')}one more\nand a lone\rCR`),
  '/text/utf16.txt': Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(prose(20_000, '\r\n'), 'utf16le'),
  ]),
  '/text/latin1.txt': iconv.encode(prose(20_000, '\n').replace(/[\u0100-\uffff]/g, '?'), 'latin1'),
  '/text/late-invalid.txt': Buffer.concat([Buffer.from(prose(40_000, '\n')), Buffer.from([0xe9, 0x0a])]),
  '/text/late-nul.bin': Buffer.concat([Buffer.from(prose(40_000, '\n')), Buffer.alloc(2 * MiB)]),
};

describe('opening a file decodes it as it downloads', () => {
  beforeAll(async () => {
    for (const [path, bytes] of Object.entries(FILES))
      await bench.gateway().upload(path, bytes, { mode: { kind: 'overwrite' } });
  });

  it.each(Object.keys(FILES))(
    'gives %s the text, format and refusals that decoding it whole gives',
    async (path) => {
      expect(await streamed(path)).toEqual(await downloadThenDecode(path));
    },
  );

  it('costs one request', async () => {
    bench.takeCounts();
    const { decoded } = await downloadText(bench.gateway(), '/text/large-crlf.txt');
    expect(decoded.format).toEqual({ encoding: 'utf-8', bom: false, lineEnding: 'crlf', finalNewline: true });
    expect(bench.takeCounts()).toEqual({ 'files/download': 1 });
  });
});
