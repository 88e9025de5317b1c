/**
 * AWS: a Secrets Manager secret's string, read once per cold start by whoever needs it (the
 * portal's session key, the pagination cursors' key). Locally the same settings come from the environment instead.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const readSecretString = async (secretArn: string, region: string): Promise<string> => {
  const client = new SecretsManagerClient({ region });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new Error(`The secret ${secretArn} holds no string`);
    return SecretString;
  } finally {
    client.destroy();
  }
};
