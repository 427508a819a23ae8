import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from 'src/common/auth/auth.decorators';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { CursorPageArgs, type Page } from 'src/common/pagination/pagination';
import { DIGITISATION_REVEALERS } from 'src/modules/digitisation/digitisation-personal-data';
import { DigitisationPersonalDataService } from 'src/modules/digitisation/digitisation-personal-data.service';
import { DigitisationQueriesService } from 'src/modules/digitisation/digitisation-queries.service';
import { DigitisationStatsService } from 'src/modules/digitisation/digitisation-stats.service';
import { DigitisationService } from 'src/modules/digitisation/digitisation.service';
import {
  BoxesArgs,
  CreateProjectInput,
  EntryArgs,
  FileIdArgs,
  FilesArgs,
  LinkArgs,
  ProjectIdArgs,
  RegisterFileInput,
  StatsArgs,
  VerifyArgs,
} from 'src/modules/digitisation/graphql/digitisation.inputs';
import {
  DigitisationFilePersonalDataObject,
  toFilePersonalDataObject,
} from 'src/modules/digitisation/graphql/digitisation-reveal.objects';
import {
  DigitisationBoxPage,
  DigitisationFileDetailObject,
  DigitisationFileObject,
  DigitisationFilePage,
  DigitisationProjectObject,
  DigitisationProjectPage,
  DigitisationStatsObject,
  toBoxObject,
  toFileDetailObject,
  toFileObject,
  toProjectObject,
  toStatsObject,
  type EntryRow,
  type ScanRow,
} from 'src/modules/digitisation/graphql/digitisation.objects';

const READERS = ['DATA_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN'] as const;

function who(actor: Actor | undefined): string {
  if (!actor) throw new DomainException('UNAUTHENTICATED');
  return actor.name;
}

function pageOf<T, O>(p: Page<T>, map: (t: T) => O): { items: O[]; endCursor: string | null; hasNextPage: boolean } {
  return { items: p.items.map(map), endCursor: p.nextCursor, hasNextPage: p.nextCursor !== null };
}

/**
 * Digitisation over GraphQL (scans are uploaded over REST: POST /api/v1/digitisation/files/:id/scans). Every read
 * and write is limited to the caller's unit scope in SQL, as the REST controller does; the state rules live in
 * DigitisationService. Entered personal data is masked everywhere except `digitisationFilePersonalData` (audited).
 */
@Resolver()
export class DigitisationResolver {
  constructor(
    private readonly service: DigitisationService,
    private readonly queries: DigitisationQueriesService,
    private readonly stats: DigitisationStatsService,
    private readonly personalData: DigitisationPersonalDataService,
  ) {}

  @Query(() => DigitisationProjectPage, { description: 'Digitisation projects in the caller’s scope, by code' })
  @Roles(...READERS, 'REPORT_VIEWER')
  async digitisationProjects(
    @Args() args: CursorPageArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationProjectPage> {
    return pageOf(await this.queries.projects(actor, args.first, args.after), toProjectObject);
  }

  @Query(() => DigitisationProjectObject)
  @Roles(...READERS, 'REPORT_VIEWER')
  async digitisationProject(
    @Args() args: ProjectIdArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationProjectObject> {
    const row = await this.queries.project(actor, args.projectId);
    if (!row) throw new DomainException('DIGITISATION_PROJECT_NOT_FOUND');
    return toProjectObject(row);
  }

  @Query(() => DigitisationBoxPage, { description: 'The archive boxes of a project, by code' })
  @Roles(...READERS)
  async digitisationBoxes(@Args() args: BoxesArgs, @CurrentActor() actor: Actor | undefined): Promise<DigitisationBoxPage> {
    return pageOf(await this.queries.boxes(actor, args.projectId, args.first, args.after), toBoxObject);
  }

  @Query(() => DigitisationFilePage, { description: 'The files of a project (optionally of a box, in a state), by archive code' })
  @Roles(...READERS)
  async digitisationFiles(@Args() args: FilesArgs, @CurrentActor() actor: Actor | undefined): Promise<DigitisationFilePage> {
    const filter = { projectId: args.projectId, boxId: args.boxId, state: args.state };
    return pageOf(await this.queries.files(actor, filter, args.first, args.after), toFileObject);
  }

  @Query(() => DigitisationFileDetailObject, { description: 'A file with its scans and the clerks’ current entries' })
  @Roles(...READERS)
  async digitisationFile(
    @Args() args: FileIdArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationFileDetailObject> {
    await this.service.assertFileVisible(actor, args.fileId);
    const file = await this.service.get(args.fileId);
    return toFileDetailObject({ ...file, scans: file.scans as ScanRow[], entries: file.entries as EntryRow[] });
  }

  @Query(() => DigitisationFilePersonalDataObject, {
    description:
      'The full CCCD and address of a file’s agreed data and current entries, for the verifier or the correcting ' +
      'clerk; every call is recorded as a personal-data view (other fields show them masked)',
  })
  @Roles(...DIGITISATION_REVEALERS)
  async digitisationFilePersonalData(
    @Args() args: FileIdArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationFilePersonalDataObject> {
    await this.service.assertFileVisible(actor, args.fileId);
    return toFilePersonalDataObject(await this.personalData.reveal(args.fileId));
  }

  @Query(() => DigitisationStatsObject, {
    description: 'Progress and quality: files per state, per box, per clerk (error rate at verification), per day',
  })
  @Roles(...READERS, 'REPORT_VIEWER')
  async digitisationStats(@Args() args: StatsArgs, @CurrentActor() actor: Actor | undefined): Promise<DigitisationStatsObject> {
    await this.service.assertProjectVisible(actor, args.projectId);
    return toStatsObject(await this.stats.project(args.projectId, args.from, args.to));
  }

  @Mutation(() => DigitisationProjectObject)
  @Roles('DATA_OFFICER', 'ADMIN')
  async createDigitisationProject(
    @Args('input') input: CreateProjectInput,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationProjectObject> {
    await this.service.assertUnitAllowed(actor, input.unitId);
    const { id } = await this.service.createProject(input, who(actor));
    const row = await this.queries.project(actor, id);
    if (!row) throw new DomainException('DIGITISATION_PROJECT_NOT_FOUND');
    return toProjectObject(row);
  }

  @Mutation(() => DigitisationFileObject, { description: 'Register a paper file (its box is created on first use)' })
  @Roles('DATA_OFFICER', 'ADMIN')
  async registerDigitisationFile(
    @Args('input') input: RegisterFileInput,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationFileObject> {
    await this.service.assertProjectVisible(actor, input.projectId);
    return toFileObject(await this.service.registerFile(input.projectId, input.boxCode, input.archiveCode, who(actor)));
  }

  @Mutation(() => DigitisationFileObject, {
    description: 'A clerk types the key fields; the second clerk’s entry is compared on the critical fields',
  })
  @Roles('DATA_OFFICER', 'ADMIN')
  async submitDigitisationEntry(
    @Args() args: EntryArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationFileObject> {
    await this.service.assertFileVisible(actor, args.fileId);
    return toFileObject(await this.service.submitEntry(args.fileId, who(actor), { ...args.input }));
  }

  @Mutation(() => DigitisationFileObject, {
    description: 'Four eyes: an officer who did not enter the file agrees (VERIFIED) or returns it to data entry',
  })
  @Roles('DATA_OFFICER', 'SPECIALIST', 'LEADER', 'ADMIN')
  async verifyDigitisationFile(
    @Args() args: VerifyArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationFileObject> {
    await this.service.assertFileVisible(actor, args.fileId);
    const { agree, reason } = args.input;
    return toFileObject(await this.service.verify(args.fileId, who(actor), { agree, reason }));
  }

  @Mutation(() => DigitisationFileObject, { description: 'Link to the registry person (dedup rules; ambiguous → error)' })
  @Roles('DATA_OFFICER', 'SPECIALIST', 'ADMIN')
  async linkDigitisationFile(@Args() args: LinkArgs, @CurrentActor() actor: Actor | undefined): Promise<DigitisationFileObject> {
    await this.service.assertFileVisible(actor, args.fileId);
    return toFileObject(await this.service.link(args.fileId, who(actor), args.personId));
  }

  @Mutation(() => DigitisationFileObject, { description: 'Mark a linked file done' })
  @Roles('DATA_OFFICER', 'SPECIALIST', 'ADMIN')
  async completeDigitisationFile(
    @Args() args: FileIdArgs,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<DigitisationFileObject> {
    await this.service.assertFileVisible(actor, args.fileId);
    return toFileObject(await this.service.complete(args.fileId, who(actor)));
  }
}
