export declare const NODE_ENTRIES: Record<string, string>;
export declare function bundleNode(entries?: Record<string, string>): Promise<string[]>;
export declare const BROWSER_ENTRIES: Record<string, string>;
export declare function bundleBrowser(entries?: Record<string, string>): Promise<string[]>;
export declare function bundleElectron(): Promise<string[]>;
