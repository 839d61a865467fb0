export interface Finding {
  /** The printed id, e.g. CONTEXT_ISOLATION_JS_CHECK. */
  check: string;
  severity: string;
  confidence: string;
  /** `electron/…` path, or `N/A` for a whole-app (global) check. */
  file: string;
  /** `line:column`. */
  location: string;
  sample: string;
  description: string;
  url: string;
}

export interface Review {
  /** A printed id or a check class name. */
  check: string;
  file: string;
  reason: string;
}

export interface Judgement {
  blocking: Finding[];
  reviewed: { finding: Finding; review: Review }[];
  stale: Review[];
}

export declare const BLOCKING_SEVERITIES: readonly string[];
export declare function parseCsv(text: string): string[][];
export declare function findingsFromCsv(text: string): Finding[];
export declare function canonicalCheck(name: string, aliases?: Record<string, string>): string;
export declare function parseReviews(json: string, knownChecks?: ReadonlySet<string>): Review[];
export declare function judge(
  findings: readonly Finding[],
  reviews: readonly Review[],
  aliases?: Record<string, string>,
): Judgement;
export declare function describeFinding(finding: Finding): string;
export declare const PROBE_FILE: string;
export declare function probeSource(options: unknown, csp: string): string;
