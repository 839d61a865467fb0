import { APP_SCHEME_PRIVILEGES, rendererRequestHandler } from './renderer-files.ts';
import type { ShellElectron } from './shell-electron.ts';
import { APP_SCHEME } from './window-options.ts';

type ShellProtocol = ShellElectron['protocol'];

/** Must run before the app is ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(protocol: ShellProtocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves the built renderer at app://opus/, never anything outside its folder (renderer-files.ts). */
export function serveRenderer(
  { protocol, net }: Pick<ShellElectron, 'protocol' | 'net'>,
  rendererDir: string,
): void {
  protocol.handle(
    APP_SCHEME,
    rendererRequestHandler(rendererDir, (fileUrl) => net.fetch(fileUrl)),
  );
}
