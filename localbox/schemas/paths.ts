import { pattern } from './stone.ts';

// The spec's path aliases (files.stone), verbatim.
const P = '/(.|[\\r\\n])*';
const NS = '(ns:[0-9]+(/(.|[\\r\\n])*)?)';

export const ReadPath = pattern(`(${P}|id:.*)|(rev:[0-9a-f]{9,})|${NS}`);
export const WritePath = pattern(`(${P})|${NS}`);
export const WritePathOrId = pattern(`(${P})|${NS}|(id:.*)`);
export const PathOrId = pattern(`${P}|id:.*|${NS}`);
export const PathROrId = pattern(`(${P})?|id:.*|${NS}`);
export const Rev = pattern('[0-9a-f]+').min(9);
export const Sha256Hex = pattern('[0-9a-f]{64}');
