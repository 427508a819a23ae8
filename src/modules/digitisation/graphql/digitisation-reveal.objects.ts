import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { EntryData } from 'src/modules/digitisation/digitisation-entry';
import type { RevealedFileData } from 'src/modules/digitisation/digitisation-personal-data.service';

/** Entered data in full, CCCD and address included: only in the audited `digitisationFilePersonalData`. */
@ObjectType('DigitisationRevealedEntryData')
export class DigitisationRevealedEntryDataObject {
  @Field() fullName!: string;
  @Field({ description: "'YYYY-MM-DD' or 'YYYY'" }) birth!: string;
  @Field() gender!: string;
  @Field(() => String, { nullable: true }) cccd!: string | null;
  @Field(() => Int, { nullable: true }) injuryRate!: number | null;
  @Field(() => String, { nullable: true }) decisionNumber!: string | null;
  @Field(() => String, { nullable: true }) decisionDate!: string | null;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => String, { nullable: true }) householdCode!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
}

@ObjectType('DigitisationRevealedEntry')
export class DigitisationRevealedEntryObject {
  @Field() clerk!: string;
  @Field(() => DigitisationRevealedEntryDataObject) data!: DigitisationRevealedEntryDataObject;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('DigitisationFilePersonalData', {
  description: 'The full entered values of one file; every read is recorded as a personal-data view',
})
export class DigitisationFilePersonalDataObject {
  @Field(() => ID) fileId!: string;
  @Field(() => DigitisationRevealedEntryDataObject, { nullable: true, description: 'The agreed data after double entry' })
  data!: DigitisationRevealedEntryDataObject | null;
  @Field(() => [DigitisationRevealedEntryObject], { description: 'The clerks’ current entries, oldest first' })
  entries!: DigitisationRevealedEntryObject[];
}

function toRevealedData(d: EntryData): DigitisationRevealedEntryDataObject {
  return {
    fullName: d.fullName,
    birth: d.birth,
    gender: d.gender,
    cccd: d.cccd ?? null,
    injuryRate: d.injuryRate ?? null,
    decisionNumber: d.decisionNumber ?? null,
    decisionDate: d.decisionDate ?? null,
    category: d.category ?? null,
    householdCode: d.householdCode ?? null,
    address: d.address ?? null,
  };
}

export function toFilePersonalDataObject(r: RevealedFileData): DigitisationFilePersonalDataObject {
  return {
    fileId: r.fileId,
    data: r.data ? toRevealedData(r.data) : null,
    entries: r.entries.map((e) => ({ clerk: e.clerk, data: toRevealedData(e.data), createdAt: e.createdAt })),
  };
}
