import { RENDERER_CSP } from '../../electron/common/renderer-csp.ts';

/**
 * Whether the window's CSP lets an image come from the web at all. Allowing remote images for a
 * document is offered only when it does: the policy is never loosened for one document, and while it
 * forbids them (electron/common/renderer-csp.ts) the bar says they stay blocked.
 */
export function cspAllowsRemoteImages(csp = RENDERER_CSP): boolean {
  const directives = new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  const sources = directives.get('img-src') ?? directives.get('default-src') ?? [];
  return sources.some((source) => source === 'https:' || source === '*');
}
