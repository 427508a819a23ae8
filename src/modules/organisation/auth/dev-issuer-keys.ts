import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** Issuer claim of tokens signed by the service itself (development and tests only). */
export const DEV_ISSUER = 'urn:an-sinh:dev-issuer';
export const DEV_ISSUER_ALG = 'ES256';

export interface DevKeyPair {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

type Query = <T>(sql: string, params?: unknown[]) => Promise<T>;

/**
 * The dev issuer's signing key, shared through the database so that the API processes and the `npm run token` CLI
 * sign and verify with the same key. Generated on first use (only ever used when DEV_ISSUER_ENABLED).
 */
export async function loadOrCreateDevKey(query: Query): Promise<DevKeyPair> {
  const read = async (): Promise<DevKeyPair | undefined> => {
    const rows = await query<Array<{ kid: string; private_jwk: JWK; public_jwk: JWK }>>(
      `select kid, private_jwk, public_jwk from dev_issuer_keys order by created_at desc, kid limit 1`,
    );
    const row = rows[0];
    return row ? { kid: row.kid, privateJwk: row.private_jwk, publicJwk: row.public_jwk } : undefined;
  };
  const existing = await read();
  if (existing) return existing;
  const { privateKey, publicKey } = await generateKeyPair(DEV_ISSUER_ALG, { extractable: true });
  const kid = `dev-${randomBytes(6).toString('hex')}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: DEV_ISSUER_ALG, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: DEV_ISSUER_ALG };
  await query(
    `insert into dev_issuer_keys (kid, private_jwk, public_jwk)
     select $1, $2::jsonb, $3::jsonb where not exists (select 1 from dev_issuer_keys)`,
    [kid, JSON.stringify(privateJwk), JSON.stringify(publicJwk)],
  );
  return (await read()) as DevKeyPair;
}
