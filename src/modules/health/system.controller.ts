import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { API_SCOPES, CurrentActor, Scopes } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';

/** Who am I: the smallest authenticated route, for integrators checking their credentials (and the HTTP bench). */
@ApiTags('system')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('system')
export class SystemController {
  @Get('whoami')
  @Scopes(...API_SCOPES)
  @ApiOkResponse({
    description: 'The authenticated caller',
    schema: { example: { kind: 'user', name: 'admin', roles: ['ADMIN'] } },
  })
  whoami(@CurrentActor() actor: Actor | undefined): {
    kind: string;
    name: string;
    agencyId: string | null;
    roles: string[];
    scopes: string[];
  } {
    return {
      kind: actor?.kind ?? 'anonymous',
      name: actor?.name ?? '',
      agencyId: actor?.agencyId ?? null,
      roles: actor?.roles ?? [],
      scopes: actor?.scopes ?? [],
    };
  }
}
