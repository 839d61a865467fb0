import { readSmallBody } from '../http/body.ts';
import { BadRequest } from '../http/errors.ts';
import { sendJson } from '../http/respond.ts';
import { FaultSettings } from '../server/faults.ts';
import type { RawRoute } from '../server/route.ts';

/**
 * Control routes for tests that run localbox in another process. They exist only when localbox was
 * started with fault injection enabled; otherwise these paths are unknown like any other.
 */
export const controlRoutes: RawRoute[] = [
  {
    path: '/__localbox/faults',
    methods: ['POST'],
    faultable: false,
    handle: async (req, res, _url, services) => {
      if (!services.config.faultInjection) throw new BadRequest('Unknown API function: "/__localbox/faults"');
      const body = await readSmallBody(req, 64 * 1024);
      let json: unknown;
      try {
        json = JSON.parse(body?.toString('utf8') || '{}');
      } catch {
        throw new BadRequest('fault settings: could not decode input as JSON');
      }
      const parsed = FaultSettings.safeParse(json);
      if (!parsed.success)
        throw new BadRequest(`fault settings: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      if (Object.keys(parsed.data).length === 0) services.faults.clear();
      services.faults.apply(parsed.data);
      if (parsed.data.expireTokens) services.tokens.expireAll();
      sendJson(res, 200, { ok: true });
    },
  },
  {
    path: '/__localbox/requests',
    methods: ['GET', 'POST'],
    faultable: false,
    handle: (req, res, _url, services) => {
      if (!services.config.faultInjection)
        throw new BadRequest('Unknown API function: "/__localbox/requests"');
      const counts = Object.fromEntries(services.requestCounts);
      if (req.method === 'POST') services.requestCounts.clear();
      sendJson(res, 200, counts);
    },
  },
];
