import { generateApiKey, keyIdOf, keyMatches, presentedApiKey } from '../../shared/sensors/partner-keys';

const KEY_ID = '01JQ5B3Z8K4M2N6P7R9S0T1V2W';

describe('partner API keys', () => {
  test('a key names its record and carries 256 random bits; only its hash is kept', () => {
    const { plaintext, hash, hint } = generateApiKey(KEY_ID);
    expect(plaintext).toMatch(new RegExp(`^vo_${KEY_ID}_[A-Za-z0-9_-]{43}$`));
    expect(keyIdOf(plaintext)).toBe(KEY_ID);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(plaintext.slice(30));
    expect(plaintext.endsWith(hint)).toBe(true);
  });

  test('two keys issued with the same id differ', () => {
    expect(generateApiKey(KEY_ID).plaintext).not.toBe(generateApiKey(KEY_ID).plaintext);
  });

  test('the key matches its hash; a key differing by one character does not', () => {
    const { plaintext, hash } = generateApiKey(KEY_ID);
    expect(keyMatches(plaintext, hash)).toBe(true);
    const altered = plaintext.slice(0, -1) + (plaintext.endsWith('A') ? 'B' : 'A');
    expect(keyMatches(altered, hash)).toBe(false);
  });

  test('a malformed key names no record', () => {
    expect(keyIdOf('vo_notaulid_secret')).toBeUndefined();
    expect(keyIdOf('Bearer abc')).toBeUndefined();
  });

  test('the key is read from X-Api-Key or from Authorization: ApiKey, never from a bearer token', () => {
    expect(presentedApiKey({ 'x-api-key': 'vo_k' })).toBe('vo_k');
    expect(presentedApiKey({ authorization: 'ApiKey vo_k' })).toBe('vo_k');
    expect(presentedApiKey({ authorization: 'Bearer eyJ…' })).toBeUndefined();
    expect(presentedApiKey({})).toBeUndefined();
  });
});
