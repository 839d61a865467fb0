import { z } from 'zod';
import { struct } from './stone.ts';

/** users_common.AccountId: String(min_length=40, max_length=40). */
const AccountId = z.string().length(40);

export const GetAccountArg = struct({ account_id: AccountId });

/** At most 300 accounts per request, says the route's description. */
export const GetAccountBatchArg = struct({ account_ids: z.array(AccountId).min(1).max(300) });
