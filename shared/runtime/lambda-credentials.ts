/**
 * What the function bundles use in place of the AWS SDK's default credential chain
 * (@aws-sdk/credential-provider-node, aliased here by infra/constructs/platform-function.ts).
 * Lambda hands a function its role's credentials in the environment, the chain's first link; the
 * rest (SSO, shared ini files, web identity, container and instance metadata, with the STS and SSO
 * clients they need) weighed ~125 KB in every bundle and is never reached there. The local runtime
 * and scripts, not bundled, keep the whole chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
