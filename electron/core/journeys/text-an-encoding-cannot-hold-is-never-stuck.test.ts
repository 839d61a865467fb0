import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { typeText } from '../test-support/document-edits.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

const LATIN1 = 'Café\r\nPreis: 5\r\n';

test('a save Latin-1 cannot hold is refused with the characters and lines, and nothing changes on Dropbox', async () => {
  await bench.put('/Enc/refused.txt', Buffer.from(LATIN1, 'latin1'));
  const doc = await bench.opus.open('/Enc/refused.txt');
  expect(doc.format.encoding).toBe('iso-8859-1');
  await typeText(bench.opus, doc.documentId, 'Café\nPreis: 5 €\n✓\n');
  const { rev, version } = bench.opus.editorOf(doc.documentId);
  const answer = await bench.opus.envelope('saveDocument', {
    documentId: doc.documentId,
    version,
    baseRev: rev,
  });
  expect(answer).toEqual({
    ok: false,
    error: {
      kind: 'unsupported_encoding',
      message: '“€” on line 2 and “✓” on line 3 cannot be written in Latin-1 (ISO-8859-1).',
      generic: false,
      detail: {
        unwritable: {
          encoding: 'iso-8859-1',
          characters: [
            { character: '€', lines: [2], moreLines: 0 },
            { character: '✓', lines: [3], moreLines: 0 },
          ],
          moreCharacters: 0,
        },
      },
    },
  });
  expect(await bench.get('/Enc/refused.txt')).toEqual(Buffer.from(LATIN1, 'latin1'));
});

test('Save with Encoding writes UTF-8, and the document is UTF-8 from then on', async () => {
  await bench.put('/Enc/convert.txt', Buffer.from(LATIN1, 'latin1'));
  const doc = await bench.opus.open('/Enc/convert.txt');
  await typeText(bench.opus, doc.documentId, 'Café\nPreis: 5 €\n');
  const { rev, version } = bench.opus.editorOf(doc.documentId);
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version,
    baseRev: rev,
    encoding: { encoding: 'utf-8', bom: false },
  });
  expect(saved).toMatchObject({
    kind: 'saved',
    format: { encoding: 'utf-8', bom: false, lineEnding: 'crlf' },
  });
  expect(await bench.get('/Enc/convert.txt')).toEqual(Buffer.from('Café\r\nPreis: 5 €\r\n', 'utf8'));
});

test('Save with Encoding of an unchanged document converts it: UTF-16 with a BOM', async () => {
  await bench.put('/Enc/clean.txt', 'Grüße\n');
  const doc = await bench.opus.open('/Enc/clean.txt');
  const saved = await bench.opus.call('saveDocument', {
    documentId: doc.documentId,
    version: 1,
    baseRev: doc.remote.rev,
    encoding: { encoding: 'utf-16le', bom: true },
  });
  expect(saved).toMatchObject({ kind: 'saved', format: { encoding: 'utf-16le', bom: true } });
  expect(await bench.get('/Enc/clean.txt')).toEqual(
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße\n', 'utf16le')]),
  );
});

test('Reopen with Encoding reads Dropbox’s bytes again as the chosen encoding', async () => {
  const bytes = Buffer.from('Café crème\n', 'utf8');
  await bench.put('/Enc/reopen.txt', bytes);
  const doc = await bench.opus.open('/Enc/reopen.txt');
  expect(doc.text).toBe('Café crème\n');
  const asLatin1 = await bench.opus.call('reopenDocumentWithEncoding', {
    documentId: doc.documentId,
    encoding: { encoding: 'iso-8859-1', bom: false },
  });
  expect(asLatin1).toMatchObject({
    lossy: false,
    snapshot: { documentId: doc.documentId, text: 'CafÃ© crÃ¨me\n', format: { encoding: 'iso-8859-1' } },
  });
  const back = await bench.opus.call('reopenDocumentWithEncoding', {
    documentId: doc.documentId,
    encoding: { encoding: 'utf-8', bom: false },
  });
  expect(back).toMatchObject({
    lossy: false,
    snapshot: { text: 'Café crème\n', format: { encoding: 'utf-8' } },
  });
});

test('a UTF-16 file reopened as UTF-8 is refused, not shown as NULs', async () => {
  await bench.put(
    '/Enc/utf16.txt',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hallo\n', 'utf16le')]),
  );
  const doc = await bench.opus.open('/Enc/utf16.txt');
  const answer = await bench.opus.envelope('reopenDocumentWithEncoding', {
    documentId: doc.documentId,
    encoding: { encoding: 'utf-8', bom: false },
  });
  expect(answer).toMatchObject({ ok: false, error: { kind: 'binary_file' } });
});

test('journaled text its encoding cannot hold is restored after a restart, as UTF-8, and says so', async () => {
  await bench.put('/Enc/journaled.txt', Buffer.from(LATIN1, 'latin1'));
  const doc = await bench.opus.open('/Enc/journaled.txt');
  await typeText(bench.opus, doc.documentId, 'Café\nPreis: 5 €\n');
  const next = await bench.restart();
  const restored = await next.call('getRestoredDocuments', {});
  const entry = restored.find((r) => r.snapshot.remote.path === '/Enc/journaled.txt');
  expect(entry).toMatchObject({
    text: 'Café\nPreis: 5 €\n',
    formerEncoding: 'iso-8859-1',
    snapshot: { format: { encoding: 'utf-8', bom: false, lineEnding: 'crlf' } },
  });
});
