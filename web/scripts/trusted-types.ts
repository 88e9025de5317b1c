/**
 * The pages' CSP enforces Trusted Types: no script may write HTML from a string. Leaflet, at
 * load, tests the browser by writing two fixed snippets; this 'default' policy lets exactly those
 * through and refuses anything else, so an injected string still cannot become markup.
 */
const LEAFLET_PROBES = new Set(['<svg/>', '<v:shape adj="1"/>']);

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML: (input: string) => string }): unknown;
}

export const installTrustedTypesPolicy = (): void => {
  const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return;
  factory.createPolicy('default', {
    createHTML: (input) => {
      if (LEAFLET_PROBES.has(input)) return input;
      throw new TypeError('HTML from a string is refused on this site (Trusted Types)');
    },
  });
};
