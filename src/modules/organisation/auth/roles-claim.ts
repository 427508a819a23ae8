import { ROLES, type Role } from 'src/common/auth/auth.decorators';

/** Reads the array at a dot path (Keycloak: `realm_access.roles`); undefined when the claim is absent. */
export function readClaimPath(payload: Record<string, unknown>, path: string): unknown {
  let node: unknown = payload;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Writes `value` at a dot path, creating objects on the way. */
export function writeClaimPath(payload: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = payload;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node[part] = next !== null && typeof next === 'object' ? next : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** The known staff roles in a claim value (unknown roles such as Keycloak's `offline_access` are ignored). */
export function rolesFromClaim(value: unknown): Role[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return ROLES.filter((role) => value.includes(role));
}
