/**
 * AWS: the session key lives in a Secrets Manager secret (created by CDK with a random value,
 * infra/constructs/portal-front-end.ts); a page function reads it once per cold start. Nothing
 * else of the portal touches AWS.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const readSessionSecret = async (secretArn: string, region: string): Promise<string> => {
  const client = new SecretsManagerClient({ region });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new Error(`The secret ${secretArn} holds no string`);
    return SecretString;
  } finally {
    client.destroy();
  }
};
