import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { JWK } from 'jose';
import { Public } from 'src/common/auth/auth.decorators';
import { DevIssuerService } from 'src/modules/organisation/auth/dev-issuer.service';

/** JWKS of the dev issuer at /.well-known/jwks.json: 404 unless DEV_ISSUER_ENABLED. */
@ApiExcludeController()
@Controller('.well-known')
export class DevIssuerController {
  constructor(private readonly devIssuer: DevIssuerService) {}

  @Public()
  @Get('jwks.json')
  jwks(): Promise<{ keys: JWK[] }> {
    return this.devIssuer.jwks();
  }
}
