export interface SandboxSystem {
  read(path: string): string | null;
  stat(path: string): { uid: number; mode: number; isFile: boolean } | null;
  list(dir: string): string[];
}
export declare const SANDBOX_FILES: {
  restrictUserns: string;
  usernsClone: string;
  apparmorEnabled: string;
  profiles: string;
};
export declare const realSystem: SandboxSystem;
export declare function sandboxProblem(
  binary: string,
  system?: SandboxSystem,
): { why: string; fixes: string[] } | null;
