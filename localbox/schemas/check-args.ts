import { z } from 'zod';
import { struct } from './stone.ts';

/** check.stone's EchoArg: the query echoed back, at most 500 characters. */
export const EchoArg = struct({ query: z.string().max(500).default('') });
