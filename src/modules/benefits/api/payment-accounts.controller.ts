import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import {
  PaymentAccountsService,
  type AccountMethod,
} from 'src/modules/benefits/accounts/payment-accounts.service';
import { uuidParam } from 'src/modules/benefits/api/benefit.mappers';
import { RegisterAccountInput } from 'src/modules/benefits/api/benefit.inputs';
import {
  PaymentAccountListObject,
  PaymentAccountObject,
  RevealedAccountObject,
} from 'src/modules/benefits/api/benefit.objects';
import { ApiUuidParam } from 'src/common/http/api-fields';
import { BENEFIT_APPROVERS, BENEFIT_PREPARERS, BENEFIT_READERS } from 'src/modules/benefits/api/roles';

/** Payment accounts: masked in every response; `reveal` is the single audited read of the full number. */
@ApiTags('benefits')
@ApiBearerAuth()
@Controller('benefits')
export class PaymentAccountsController {
  constructor(private readonly accounts: PaymentAccountsService) {}

  @Post('payment-accounts')
  @Roles(...BENEFIT_PREPARERS)
  @ApiOperation({
    summary: 'Register a bank account (holder name must match the person) or cash via post office',
  })
  @ApiOkResponse({ type: PaymentAccountObject })
  register(
    @CurrentActor() actor: Actor | undefined,
    @Body() body: RegisterAccountInput,
  ): Promise<PaymentAccountObject> {
    return this.accounts.register(actor, { ...body, method: body.method as AccountMethod });
  }

  @ApiUuidParam()
  @Get('payment-accounts/:id')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({ summary: 'One account, masked' })
  @ApiOkResponse({ type: PaymentAccountObject })
  get(@CurrentActor() actor: Actor | undefined, @Param('id') id: string): Promise<PaymentAccountObject> {
    return this.accounts.get(actor, uuidParam(id, 'BENEFIT_ACCOUNT_NOT_FOUND'));
  }

  @ApiUuidParam()
  @Post('payment-accounts/:id/reveal')
  @HttpCode(200)
  @Roles(...BENEFIT_PREPARERS, ...BENEFIT_APPROVERS)
  @ApiOperation({ summary: 'The full account number and holder name (recorded in the audit trail)' })
  @ApiOkResponse({ type: RevealedAccountObject })
  reveal(@CurrentActor() actor: Actor | undefined, @Param('id') id: string): Promise<RevealedAccountObject> {
    return this.accounts.reveal(actor, uuidParam(id, 'BENEFIT_ACCOUNT_NOT_FOUND'));
  }

  @ApiUuidParam('personId')
  @Get('people/:personId/payment-accounts')
  @Roles(...BENEFIT_READERS)
  @ApiOperation({ summary: 'A person’s accounts, newest first, masked' })
  @ApiOkResponse({ type: PaymentAccountListObject })
  async forPerson(
    @CurrentActor() actor: Actor | undefined,
    @Param('personId') personId: string,
  ): Promise<PaymentAccountListObject> {
    return {
      items: await this.accounts.listForPerson(actor, uuidParam(personId, 'BENEFIT_ACCOUNT_NOT_FOUND')),
    };
  }
}
