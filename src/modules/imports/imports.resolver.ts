import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles, Scopes } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { ImportsService } from 'src/modules/imports/imports.service';
import { ImportView, toImportView } from 'src/modules/imports/imports.views';

function actorOf(actor: Actor | undefined): Actor {
  if (!actor) throw new DomainException('UNAUTHENTICATED');
  return actor;
}

/** Imports over GraphQL: poll `importJob(id) { progress { … } }`; files are uploaded over REST (POST /imports). */
@Resolver(() => ImportView)
export class ImportsResolver {
  constructor(private readonly imports: ImportsService) {}

  @Query(() => ImportView, { description: 'An import with its dry-run counts and progress (poll while running)' })
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  async importJob(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    return toImportView(await this.imports.get(actorOf(actor), id));
  }

  @Mutation(() => ImportView, { description: 'Commit a validated import (idempotent, resumable)' })
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  async commitImport(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    return toImportView(await this.imports.commit(actorOf(actor), id));
  }

  @Mutation(() => ImportView, { description: 'Cancel an import; committed chunks stay, whole households only' })
  @Roles('DATA_OFFICER', 'ADMIN')
  @Scopes('imports:write')
  async cancelImport(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<ImportView> {
    return toImportView(await this.imports.cancel(actorOf(actor), id));
  }
}
