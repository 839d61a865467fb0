export declare const TESTED_NODE: string;
export declare function atLeast(version: string, floor: string): boolean;
export declare function engineFloor(range: string): string;
export declare function nodeCheck(version: string, required: string): { ok: boolean; line: string | null };
export declare function findElectron(
  electronDir: string,
  options: { download: boolean },
): { path: string; why?: undefined } | { why: string; path?: undefined };
export declare function fallbackLines(why: string, dataDir: string): string[];
