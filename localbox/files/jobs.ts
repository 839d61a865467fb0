import { randomToken } from '../domain/ids.ts';
import { RouteError, tag, type Union } from '../http/errors.ts';
import type { Services } from '../server/services.ts';

/** An async job's state as the `…/check` routes report it (async.stone's PollResultBase). */
export type JobState =
  | { kind: 'in_progress' }
  | { kind: 'complete'; result: unknown }
  | { kind: 'failed'; error: Union };

interface Job {
  state: JobState;
  startedAt: number;
}

// Jobs live as long as the localbox does: a restart forgets them, and their check answers
// invalid_async_job_id, as Dropbox does for a job id it no longer knows.
const JOB_TTL_MS = 60 * 60 * 1000;
const jobsOf = new WeakMap<Services, Map<string, Job>>();

function jobs(services: Services): Map<string, Job> {
  let map = jobsOf.get(services);
  if (!map) {
    map = new Map();
    jobsOf.set(services, map);
  }
  return map;
}

/**
 * Starts `work` after the launching call has answered, as Dropbox's batch routes do: the caller gets an
 * async_job_id at once and polls. `work` returns the `complete` value or throws a RouteError to fail.
 */
export function launchJob(services: Services, work: () => unknown): string {
  const all = jobs(services);
  const now = Date.now();
  for (const [id, job] of all) if (now - job.startedAt > JOB_TTL_MS) all.delete(id);
  const id = `dbjid:${randomToken(43)}`;
  const job: Job = { state: { kind: 'in_progress' }, startedAt: now };
  all.set(id, job);
  setImmediate(() => {
    try {
      job.state = { kind: 'complete', result: work() };
    } catch (error) {
      job.state = { kind: 'failed', error: error instanceof RouteError ? error.error : tag('other') };
    }
  });
  return id;
}

/** The job's state, or the PollError Dropbox gives for an id it does not know. */
export function pollJob(services: Services, id: string): JobState {
  const job = jobs(services).get(id);
  if (!job) throw new RouteError(tag('invalid_async_job_id'));
  return job.state;
}
