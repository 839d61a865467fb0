import { expect, expectTypeOf, test } from 'vitest';
import { type CommandName, commands } from './commands.ts';
import { type EventName, events } from './events.ts';
import { COMMAND_NAMES, EVENT_NAMES } from './names.ts';

test('the name lists used by the preload and the page bridge are exactly the contract', () => {
  expect([...COMMAND_NAMES].sort()).toEqual(Object.keys(commands).sort());
  expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  expectTypeOf<(typeof COMMAND_NAMES)[number]>().toEqualTypeOf<CommandName>();
  expectTypeOf<(typeof EVENT_NAMES)[number]>().toEqualTypeOf<EventName>();
});

test('no response anywhere in the contract has a place for a token', () => {
  const keys = new Set<string>();
  const walk = (schema: unknown, depth = 0): void => {
    if (!schema || typeof schema !== 'object' || depth > 12) return;
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    const shape = def.shape as Record<string, unknown> | undefined;
    for (const [key, field] of Object.entries(shape ?? {})) {
      keys.add(key);
      walk(field, depth + 1);
    }
    for (const inner of [def.innerType, def.element, def.in, def.out, def.schema]) walk(inner, depth + 1);
    for (const option of (def.options as unknown[] | undefined) ?? []) walk(option, depth + 1);
  };
  for (const { response } of Object.values(commands)) walk(response);
  for (const payload of Object.values(events)) walk(payload);
  expect(keys.size).toBeGreaterThan(30);
  for (const key of keys) expect(key.toLowerCase()).not.toMatch(/token|secret|verifier|password/);
});
