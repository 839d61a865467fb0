import { expect, test } from 'vitest';
import { cspAllowsRemoteImages } from './remote-images.ts';

test('the window’s own policy lets a document allow web images (and nothing else from the web)', () => {
  expect(cspAllowsRemoteImages()).toBe(true);
});

test('a policy that lets images come from the web would let a document allow them', () => {
  expect(cspAllowsRemoteImages("default-src 'self'; img-src 'self' blob: https:")).toBe(true);
  expect(cspAllowsRemoteImages("default-src *; script-src 'self'")).toBe(true);
  expect(cspAllowsRemoteImages("default-src 'self'; img-src 'self' data: blob:")).toBe(false);
});
