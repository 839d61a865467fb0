import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  expectShape,
  FolderMetadata,
  Metadata,
  RelocationResult,
  routeError,
  TaggedFile,
} from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

const Union = z.looseObject({ '.tag': z.string() });
/** A job status's in_progress and complete members; complete lists a success or a failure per entry. */
const jobStates = <S extends z.ZodRawShape>(success: S) =>
  [
    z.strictObject({ '.tag': z.literal('in_progress') }),
    z.strictObject({
      '.tag': z.literal('complete'),
      entries: z.array(
        z.discriminatedUnion('.tag', [
          z.strictObject({ '.tag': z.literal('success'), ...success }),
          z.strictObject({ '.tag': z.literal('failure'), failure: Union }),
        ]),
      ),
    }),
  ] as const;
/** files.RelocationBatchV2JobStatus and DeleteBatchJobStatus as Stone encodes them. */
const RelocationBatchV2JobStatus = z.discriminatedUnion('.tag', [...jobStates({ success: Metadata })]);
const DeleteBatchJobStatus = z.discriminatedUnion('.tag', [
  ...jobStates({ metadata: Metadata }),
  z.strictObject({ '.tag': z.literal('failed'), failed: Union }),
]);
const Launch = z.strictObject({ '.tag': z.literal('async_job_id'), async_job_id: z.string().min(1) });

describe('copying, the deprecated first versions, and batch jobs', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const read = async (path: string) =>
    ((await dbx.filesDownload({ path })).result as unknown as { fileBinary: Buffer }).fileBinary.toString();

  /** Polls a job's check route until it is no longer in progress, as an SDK user would. */
  async function settle<T extends { '.tag': string }>(
    check: () => Promise<{ result: unknown }>,
    shape: z.ZodType<T>,
  ) {
    for (let i = 0; i < 50; i++) {
      const status = expectShape(shape, (await check()).result);
      if (status['.tag'] !== 'in_progress') return status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('job never finished');
  }

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
  });
  afterAll(() => lb.stop());

  it('files/copy_v2 copies a file and a folder tree, with new ids and the same bytes', async () => {
    const original = (await dbx.filesUpload({ path: '/Copy/Notes/a.txt', contents: bytes('alpha') })).result;
    await dbx.filesUpload({ path: '/Copy/Notes/deep/b.txt', contents: bytes('beta') });
    const res = await dbx.filesCopyV2({ from_path: '/Copy/Notes/a.txt', to_path: '/Copy/a copy.txt' });
    expect(res.headers.get('content-type')).toBe('application/json');
    const copied: files.RelocationResult = expectShape(RelocationResult, res.result);
    const file = expectShape(TaggedFile, copied.metadata);
    expect(file.path_display).toBe('/Copy/a copy.txt');
    expect(file.id).not.toBe(original.id);
    expect(file.content_hash).toBe(original.content_hash);
    expect(await read('/copy/notes/a.txt')).toBe('alpha');

    const folder = (await dbx.filesCopyV2({ from_path: '/Copy/Notes', to_path: '/Copy/Notes 2' })).result;
    expect(folder.metadata['.tag']).toBe('folder');
    expect(await read('/Copy/Notes 2/deep/b.txt')).toBe('beta');
    expect(await read('/Copy/Notes/deep/b.txt')).toBe('beta');
  });

  it('files/copy_v2 refuses a taken target, a missing source and a folder into itself, or autorenames', async () => {
    await dbx.filesUpload({ path: '/Refuse/x.txt', contents: bytes('x') });
    expect(
      await routeError(dbx.filesCopyV2({ from_path: '/Refuse/x.txt', to_path: '/Refuse/x.txt' })),
    ).toEqual({
      '.tag': 'to',
      to: { '.tag': 'conflict', conflict: { '.tag': 'file' } },
    });
    expect(
      await routeError(dbx.filesCopyV2({ from_path: '/Refuse/none.txt', to_path: '/Refuse/y.txt' })),
    ).toEqual({
      '.tag': 'from_lookup',
      from_lookup: { '.tag': 'not_found' },
    });
    expect(await routeError(dbx.filesCopyV2({ from_path: '/Refuse', to_path: '/Refuse/inner' }))).toEqual({
      '.tag': 'duplicated_or_nested_paths',
    });
    const renamed = await dbx.filesCopyV2({
      from_path: '/Refuse/x.txt',
      to_path: '/Refuse/x.txt',
      autorename: true,
    });
    expect(renamed.result.metadata.path_display).toBe('/Refuse/x (2).txt');
  });

  it('serves files/create_folder, delete, move and copy answering the bare metadata, not the _v2 wrapper', async () => {
    const folder = (await dbx.filesCreateFolder({ path: '/Old/Drafts' })).result;
    expect(expectShape(FolderMetadata, folder).path_display).toBe('/Old/Drafts');
    await dbx.filesUpload({ path: '/Old/Drafts/d.txt', contents: bytes('d') });
    const copied = (await dbx.filesCopy({ from_path: '/Old/Drafts/d.txt', to_path: '/Old/e.txt' })).result;
    expect(expectShape(TaggedFile, copied).path_display).toBe('/Old/e.txt');
    const moved = (await dbx.filesMove({ from_path: '/Old/e.txt', to_path: '/Old/Drafts/e.txt' })).result;
    expect(expectShape(Metadata, moved)).toMatchObject({ '.tag': 'file', path_display: '/Old/Drafts/e.txt' });
    const deleted = (await dbx.filesDelete({ path: '/Old/Drafts' })).result;
    expect(expectShape(Metadata, deleted)).toMatchObject({ '.tag': 'folder', path_display: '/Old/Drafts' });
    expect(await routeError(dbx.filesDelete({ path: '/Old/Drafts' }))).toEqual({
      '.tag': 'path_lookup',
      path_lookup: { '.tag': 'not_found' },
    });
  });

  it('files/copy_batch_v2 answers a job id; check_v2 reports each entry on its own', async () => {
    await dbx.filesUpload({ path: '/Batch/one.txt', contents: bytes('1') });
    await dbx.filesUpload({ path: '/Batch/two.txt', contents: bytes('2') });
    const launch = (
      await dbx.filesCopyBatchV2({
        entries: [
          { from_path: '/Batch/one.txt', to_path: '/Batch/Out/one.txt' },
          { from_path: '/Batch/missing.txt', to_path: '/Batch/Out/missing.txt' },
          { from_path: '/Batch/two.txt', to_path: '/Batch/Out/two.txt' },
        ],
      })
    ).result;
    const { async_job_id } = expectShape(Launch, launch);
    const status = await settle(
      () => dbx.filesCopyBatchCheckV2({ async_job_id }),
      RelocationBatchV2JobStatus,
    );
    expect(status['.tag']).toBe('complete');
    const entries = status['.tag'] === 'complete' ? status.entries : [];
    expect(entries.map((entry) => entry['.tag'])).toEqual(['success', 'failure', 'success']);
    expect(entries[1]).toEqual({
      '.tag': 'failure',
      failure: {
        '.tag': 'relocation_error',
        relocation_error: { '.tag': 'from_lookup', from_lookup: { '.tag': 'not_found' } },
      },
    });
    expect(await read('/Batch/Out/two.txt')).toBe('2');
  });

  it('files/delete_batch answers a job id; delete_batch/check reports each entry; unknown ids are refused', async () => {
    await dbx.filesUpload({ path: '/Gone/a.txt', contents: bytes('a') });
    await dbx.filesUpload({ path: '/Gone/b.txt', contents: bytes('b') });
    const launch = (
      await dbx.filesDeleteBatch({
        entries: [{ path: '/Gone/a.txt' }, { path: '/Gone/none.txt' }, { path: '/Gone/b.txt' }],
      })
    ).result;
    const { async_job_id } = expectShape(Launch, launch);
    const status = await settle(() => dbx.filesDeleteBatchCheck({ async_job_id }), DeleteBatchJobStatus);
    expect(status).toMatchObject({
      '.tag': 'complete',
      entries: [
        { '.tag': 'success', metadata: { '.tag': 'file', path_display: '/Gone/a.txt' } },
        { '.tag': 'failure', failure: { '.tag': 'path_lookup', path_lookup: { '.tag': 'not_found' } } },
        { '.tag': 'success', metadata: { '.tag': 'file', path_display: '/Gone/b.txt' } },
      ],
    });
    expect((await dbx.filesListFolder({ path: '/Gone' })).result.entries).toEqual([]);
    expect(await routeError(dbx.filesDeleteBatchCheck({ async_job_id: 'dbjid:nothing' }))).toEqual({
      '.tag': 'invalid_async_job_id',
    });
    expect(await routeError(dbx.filesCopyBatchCheckV2({ async_job_id: 'dbjid:nothing' }))).toEqual({
      '.tag': 'invalid_async_job_id',
    });
  });
});
