import { z } from 'zod';
import { DeleteArg } from './files-args.ts';
import { WritePathOrId } from './paths.ts';
import { struct } from './stone.ts';

// The batch and async-job arguments of files.stone and async.stone.

const RelocationPath = struct({ from_path: WritePathOrId, to_path: WritePathOrId });

/** files.CopyBatchArg, an alias of RelocationBatchArgBase. */
export const CopyBatchArg = struct({
  entries: z.array(RelocationPath).min(1).max(1000),
  autorename: z.boolean().default(false),
});

export const DeleteBatchArg = struct({ entries: z.array(DeleteArg).max(1000) });

/** async.PollArg. */
export const PollArg = struct({ async_job_id: z.string().min(1) });
