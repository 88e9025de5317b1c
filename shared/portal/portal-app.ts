/**
 * The portal's composition root: its configuration read once (session key, identity providers,
 * assets, tiles, the territory it shows), and the use cases pages call.
 */
import { config } from '../runtime/config';
import { territory } from '../territory/territory-app';
import { sessionCodec, sessionKeyFrom, type SessionCodec } from './session';
import { readSecretString } from '../runtime/secrets';

const { portal } = config;

if (!portal.sessionKey && !portal.sessionSecretArn) {
  throw new Error('Missing environment variable PORTAL_SESSION_KEY (or PORTAL_SESSION_SECRET_ARN in AWS)');
}

let codec: Promise<SessionCodec> | undefined;

/** The session codec, its key read once (from the environment, or from Secrets Manager in AWS). */
export const sessions = (): Promise<SessionCodec> => {
  codec ??= (async () =>
    sessionCodec(
      sessionKeyFrom(portal.sessionKey ?? (await readSecretString(portal.sessionSecretArn!, config.region))),
    ))();
  codec.catch(() => (codec = undefined));
  return codec;
};

/** URL of a built asset by its logical name (the manifest maps it to its content-hashed file). */
export const assetUrl = (name: string): string => `${portal.assetsBaseUrl}${portal.assetsManifest[name] ?? name}`;

export const tiles = portal.tileUrl ? { url: portal.tileUrl, attribution: portal.tileAttribution } : undefined;

/**
 * Where the browser uploads photos with presigned URLs (shared/runtime/object-store.ts), so the
 * pages' CSP lets the enhancement script send them there: the local object store, or the uploads
 * bucket's virtual-hosted S3 origin (PORTAL_UPLOADS_ORIGIN, given to every page function in AWS).
 */
export const uploadsOrigin: string | undefined = config.s3Endpoint
  ? new URL(config.s3Endpoint).origin
  : portal.uploadsOrigin
    ? portal.uploadsOrigin
    : config.uploadsBucket
      ? `https://${config.uploadsBucket}.s3.${config.region}.amazonaws.com`
      : undefined;

/** The configured public origin (CloudFront's), if any; otherwise pages use the request's Host. */
export const configuredOrigin = portal.origin;

export interface SignInProvider {
  /** Its position in OIDC_ISSUERS: what /connexion?fournisseur= names. */
  readonly index: number;
  readonly issuer: string;
  readonly clientId: string;
  readonly label: string;
}

/** The identity providers a visitor may sign in with: the issuers the platform trusts. */
export const signInProviders: readonly SignInProvider[] = config.oidcIssuers.map((issuer, index) => ({
  index,
  issuer: issuer.issuer,
  clientId: issuer.clientId ?? issuer.audience,
  label: issuer.label ?? new URL(issuer.issuer).host,
}));

/** The SIREN of the territory the portal shows: configured, or the first one registered. */
export const portalTerritory = async (): Promise<string | undefined> =>
  portal.territory ?? (await territory.listTerritories())[0];

export { territory };
