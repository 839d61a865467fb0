import { expect, test } from 'vitest';
import { challengeFor, createPkce, createState, createVerifier } from './pkce.ts';

test('the S256 challenge matches RFC 7636 appendix B', () => {
  expect(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  );
});

test('verifiers are long, unreserved and never repeat', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i += 1) {
    const { verifier, challenge } = createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    seen.add(verifier);
  }
  expect(seen.size).toBe(200);
  expect(createVerifier(32)).toHaveLength(43);
  expect(createVerifier(96)).toHaveLength(128);
  expect(() => createVerifier(16)).toThrow(RangeError);
});

test('state is URL-safe and unguessable', () => {
  const state = createState();
  expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(createState()).not.toBe(state);
});
