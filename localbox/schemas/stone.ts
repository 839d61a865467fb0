import { z } from 'zod';

/**
 * Stone's JSON rules as zod: structs reject unknown fields; a union member without a value may be
 * written as a bare string or {".tag": x}; a member with a value nests it under a key named like the tag.
 */

export const struct = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

/** Optional fields may be omitted or sent as null. */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** Stone patterns match the whole string. */
export const pattern = (source: string) =>
  z.string().regex(new RegExp(`^(?:${source})$`), { message: `did not match pattern '${source}'` });

export const member = <N extends string>(name: N) => z.strictObject({ '.tag': z.literal(name) });

export const memberWith = <N extends string, T extends z.ZodType>(name: N, value: T) =>
  z.strictObject({ '.tag': z.literal(name), [name]: value } as { '.tag': z.ZodLiteral<N> } & { [K in N]: T });

// biome-ignore lint/suspicious/noExplicitAny: zod's own constraint for discriminated union options
type Option = z.ZodObject<any>;

export function union<const O extends readonly [Option, ...Option[]]>(...options: O) {
  return z.preprocess(
    (input) => (typeof input === 'string' ? { '.tag': input } : input),
    z.discriminatedUnion('.tag', options as unknown as [O[number], ...O[number][]]),
  );
}

export const uint = (min: number, max: number) => z.number().int().min(min).max(max);
