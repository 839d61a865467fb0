export declare function changedRanges(diff: string, modules: string[]): Map<string, string[]>;
