import { type JobState, launchJob, pollJob } from '../files/jobs.ts';
import { taggedMetadata } from '../files/metadata.ts';
import { RouteError, tag } from '../http/errors.ts';
import { CopyBatchArg, DeleteBatchArg, PollArg } from '../schemas/files-batch-args.ts';
import { apiRoute, type Call } from '../server/route.ts';
import { copyEntry } from './files-copy.ts';
import { deleteV2 } from './files-deprecated.ts';

/**
 * The batch routes answer an async_job_id at once and do the work right after, one entry at a time,
 * each entry succeeding or failing on its own (files.stone: RelocationBatchV2Result, DeleteBatchResult).
 */

/** A RouteError's union for a batch entry's `failure`; anything else is not an entry's failure. */
function failureOf(error: unknown) {
  if (error instanceof RouteError) return error.error;
  throw error;
}

/** What a `…/check` route answers for a job's state; `failed` only where the route's union has it. */
function answer(state: JobState, canFail: boolean) {
  if (state.kind === 'in_progress') return tag('in_progress');
  if (state.kind === 'complete') return { '.tag': 'complete', ...(state.result as object) };
  if (canFail) return tag('failed', { failed: state.error });
  throw new RouteError(tag('internal_error'));
}

export const batchRoutes = [
  apiRoute({
    name: 'files/copy_batch_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: CopyBatchArg,
    handle: ({ arg, services }) => ({
      '.tag': 'async_job_id',
      async_job_id: launchJob(services, () => ({
        entries: arg.entries.map((entry) => {
          try {
            const copied = copyEntry(services, { ...entry, autorename: arg.autorename });
            return tag('success', { success: taggedMetadata(copied) });
          } catch (error) {
            const relocation = failureOf(error);
            return tag('failure', { failure: tag('relocation_error', { relocation_error: relocation }) });
          }
        }),
      })),
    }),
  }),
  apiRoute({
    name: 'files/copy_batch/check_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: PollArg,
    handle: ({ arg, services }) => answer(pollJob(services, arg.async_job_id), false),
  }),
  apiRoute({
    name: 'files/delete_batch',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: DeleteBatchArg,
    handle: (call) => ({
      '.tag': 'async_job_id',
      async_job_id: launchJob(call.services, () => ({
        entries: call.arg.entries.map((entry) => {
          try {
            const deleted = deleteV2({ ...call, arg: entry } as Call<unknown>) as { metadata: unknown };
            return tag('success', { metadata: deleted.metadata });
          } catch (error) {
            return tag('failure', { failure: failureOf(error) });
          }
        }),
      })),
    }),
  }),
  apiRoute({
    name: 'files/delete_batch/check',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: PollArg,
    handle: ({ arg, services }) => answer(pollJob(services, arg.async_job_id), true),
  }),
];
