import { readClaimPath, rolesFromClaim, writeClaimPath } from 'src/modules/organisation/auth/roles-claim';

describe('roles claim path', () => {
  it('reads Keycloak realm roles at realm_access.roles and keeps only known staff roles', () => {
    const payload = { realm_access: { roles: ['offline_access', 'SPECIALIST', 'uma_authorization', 'LEADER'] } };
    expect(rolesFromClaim(readClaimPath(payload, 'realm_access.roles'))).toEqual(['SPECIALIST', 'LEADER']);
  });

  it('treats a missing or non-array claim as absent', () => {
    expect(rolesFromClaim(readClaimPath({}, 'realm_access.roles'))).toBeUndefined();
    expect(rolesFromClaim(readClaimPath({ realm_access: 'x' }, 'realm_access.roles'))).toBeUndefined();
  });

  it('writes a nested claim that reads back the same', () => {
    const payload: Record<string, unknown> = {};
    writeClaimPath(payload, 'resource_access.an-sinh.roles', ['ADMIN']);
    expect(readClaimPath(payload, 'resource_access.an-sinh.roles')).toEqual(['ADMIN']);
  });
});
