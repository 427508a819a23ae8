import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { API_SCOPES, Scopes } from 'src/common/auth/auth.decorators';
import { RequestContext } from 'src/common/context/request-context';

@ObjectType({ description: 'The authenticated caller' })
export class WhoAmI {
  @Field() kind!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) agencyId!: string | null;
  @Field(() => [String]) roles!: string[];
}

@Resolver()
export class SystemResolver {
  @Scopes(...API_SCOPES)
  @Query(() => WhoAmI, { description: 'Who the caller is, as the service sees them' })
  whoami(): WhoAmI {
    const actor = RequestContext.actor();
    return {
      kind: actor?.kind ?? 'anonymous',
      name: actor?.name ?? '',
      agencyId: actor?.agencyId ?? null,
      roles: actor?.roles ?? [],
    };
  }
}
