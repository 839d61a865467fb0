import { EchoArg } from '../schemas/check-args.ts';
import { apiRoute } from '../server/route.ts';

/** check.stone: echo the query, proving the credentials (a user's token, or the app's key and secret). */
export const checkRoutes = [
  apiRoute({
    name: 'check/user',
    style: 'rpc',
    auth: 'user',
    scope: 'account_info.read',
    arg: EchoArg,
    handle: ({ arg }) => ({ result: arg.query }),
  }),
  apiRoute({
    name: 'check/app',
    style: 'rpc',
    auth: 'app',
    scope: null,
    arg: EchoArg,
    handle: ({ arg }) => ({ result: arg.query }),
  }),
];
