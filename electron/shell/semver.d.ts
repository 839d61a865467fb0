// electron-updater's typings name `semver`'s SemVer, and semver ships no typings of its own; the shell
// checks the typings it uses (tsconfig.shell.json: skipLibCheck false), so this says what they use.
declare module 'semver' {
  export class SemVer {
    readonly version: string;
    readonly major: number;
    readonly minor: number;
    readonly patch: number;
    readonly prerelease: readonly (string | number)[];
  }
}
