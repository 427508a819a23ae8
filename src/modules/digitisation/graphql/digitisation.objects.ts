import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { DigitisationStats } from 'src/modules/digitisation/digitisation-stats.service';
import type { EntryData } from 'src/modules/digitisation/digitisation-entry';
import { maskEntryData, maskIdNumbersInText } from 'src/modules/digitisation/digitisation-personal-data';
import type { BoxRow, ProjectRow } from 'src/modules/digitisation/digitisation-queries.service';
import type { ArchiveFile, FileState } from 'src/modules/digitisation/digitisation.service';

export const FILE_STATES: readonly FileState[] = ['REGISTERED', 'SCANNED', 'ENTERED', 'VERIFIED', 'LINKED', 'DONE'];
export const DigitisationFileStateEnum = Object.fromEntries(FILE_STATES.map((s) => [s, s])) as Record<FileState, FileState>;
registerEnumType(DigitisationFileStateEnum, { name: 'DigitisationFileState' });

@ObjectType('DigitisationProject')
export class DigitisationProjectObject {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field() createdBy!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('DigitisationBox')
export class DigitisationBoxObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) projectId!: string;
  @Field() code!: string;
  @Field(() => Int, { description: 'Files registered in the box' }) files!: number;
  @Field(() => Int, { description: 'Files of the box that are DONE' }) done!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

/**
 * The key fields typed by the clerks (after double entry: the agreed critical fields), personal data masked as in
 * the registry's lists: CCCD as `0010******45`, no address. The full values: `digitisationFilePersonalData` (audited).
 */
@ObjectType('DigitisationEntryData')
export class DigitisationEntryDataObject {
  @Field() fullName!: string;
  @Field({ description: "'YYYY-MM-DD' or 'YYYY'" }) birth!: string;
  @Field() gender!: string;
  @Field(() => String, { nullable: true, description: 'CCCD masked: first four and last two digits' })
  cccdMasked!: string | null;
  @Field(() => Int, { nullable: true }) injuryRate!: number | null;
  @Field(() => String, { nullable: true }) decisionNumber!: string | null;
  @Field(() => String, { nullable: true }) decisionDate!: string | null;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => String, { nullable: true }) householdCode!: string | null;
}

@ObjectType('DigitisationFile')
export class DigitisationFileObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) projectId!: string;
  @Field(() => ID) boxId!: string;
  @Field() archiveCode!: string;
  @Field(() => DigitisationFileStateEnum) state!: FileState;
  @Field(() => Int) pageCount!: number;
  @Field(() => DigitisationEntryDataObject, { nullable: true }) data!: DigitisationEntryDataObject | null;
  @Field(() => [String], { description: 'Critical fields on which the two clerks disagree' })
  entryMismatches!: string[];
  @Field(() => String, { nullable: true }) verifiedBy!: string | null;
  @Field(() => Int) returnedCount!: number;
  @Field(() => String, { nullable: true }) returnReason!: string | null;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => ID, { nullable: true }) householdId!: string | null;
  @Field(() => Int) version!: number;
}

@ObjectType('DigitisationScan')
export class DigitisationScanObject {
  @Field(() => ID) id!: string;
  @Field() sha256!: string;
  @Field(() => Float) sizeBytes!: number;
  @Field() contentType!: string;
  @Field(() => Int) pageCount!: number;
  @Field({ description: 'PENDING, DONE, UNSUPPORTED or FAILED' }) thumbnailState!: string;
  @Field(() => String, { nullable: true, description: 'Why the thumbnail could not be made (FAILED)' })
  thumbnailError!: string | null;
  @Field() uploadedBy!: string;
  @Field(() => GraphQLISODateTime) uploadedAt!: Date;
}

@ObjectType('DigitisationEntry')
export class DigitisationEntryObject {
  @Field() clerk!: string;
  @Field(() => DigitisationEntryDataObject) data!: DigitisationEntryDataObject;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

/** A file with its scans and the clerks' current entries: what the verifier sees beside the scan. */
@ObjectType('DigitisationFileDetail')
export class DigitisationFileDetailObject extends DigitisationFileObject {
  @Field(() => [DigitisationScanObject]) scans!: DigitisationScanObject[];
  @Field(() => [DigitisationEntryObject]) entries!: DigitisationEntryObject[];
}

@ObjectType('DigitisationProjectPage')
export class DigitisationProjectPage {
  @Field(() => [DigitisationProjectObject]) items!: DigitisationProjectObject[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('DigitisationBoxPage')
export class DigitisationBoxPage {
  @Field(() => [DigitisationBoxObject]) items!: DigitisationBoxObject[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('DigitisationFilePage')
export class DigitisationFilePage {
  @Field(() => [DigitisationFileObject]) items!: DigitisationFileObject[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('DigitisationStateCount')
export class StateCountObject {
  @Field(() => DigitisationFileStateEnum) state!: FileState;
  @Field(() => Int) count!: number;
}

@ObjectType('DigitisationBoxStats')
export class BoxStatsObject {
  @Field() box!: string;
  @Field(() => Int) total!: number;
  @Field(() => Int) done!: number;
  @Field(() => [StateCountObject]) byState!: StateCountObject[];
}

@ObjectType('DigitisationClerkStats')
export class ClerkStatsObject {
  @Field() clerk!: string;
  @Field(() => Int) entries!: number;
  @Field(() => Int) verified!: number;
  @Field(() => Int, { description: 'Files of this clerk sent back at verification' }) returned!: number;
  @Field(() => Float, { nullable: true, description: 'returned / (verified + returned)' }) errorRate!: number | null;
}

@ObjectType('DigitisationDayStats')
export class DayStatsObject {
  @Field({ description: 'Business day (UTC+7), YYYY-MM-DD' }) day!: string;
  @Field(() => Int) scanned!: number;
  @Field(() => Int) entered!: number;
  @Field(() => Int) verified!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) done!: number;
}

@ObjectType('DigitisationStats')
export class DigitisationStatsObject {
  @Field(() => [StateCountObject]) filesByState!: StateCountObject[];
  @Field(() => [BoxStatsObject]) boxes!: BoxStatsObject[];
  @Field(() => [ClerkStatsObject]) clerks!: ClerkStatsObject[];
  @Field(() => [DayStatsObject]) days!: DayStatsObject[];
  @Field(() => Float, { nullable: true, description: 'Share of the files that are DONE' })
  digitisationRate!: number | null;
}

export function toProjectObject(r: ProjectRow): DigitisationProjectObject {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    unitId: r.unit_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toBoxObject(r: BoxRow): DigitisationBoxObject {
  return { id: r.id, projectId: r.project_id, code: r.code, files: r.files, done: r.done, createdAt: r.created_at };
}

export function toEntryDataObject(d: EntryData): DigitisationEntryDataObject {
  return maskEntryData(d);
}

export function toFileObject(f: ArchiveFile): DigitisationFileObject {
  return {
    id: f.id,
    projectId: f.project_id,
    boxId: f.box_id,
    archiveCode: f.archive_code,
    state: f.state,
    pageCount: f.page_count,
    data: f.data ? toEntryDataObject(f.data) : null,
    entryMismatches: f.entry_mismatches,
    verifiedBy: f.verified_by,
    returnedCount: f.returned_count,
    returnReason: maskIdNumbersInText(f.return_reason),
    personId: f.person_id,
    householdId: f.household_id,
    version: f.version,
  };
}

export interface ScanRow {
  id: string;
  sha256: string;
  size_bytes: string | number;
  content_type: string;
  page_count: number;
  thumbnail_state: string;
  thumbnail_error?: string | null;
  uploaded_by: string;
  uploaded_at: Date;
}

export interface EntryRow {
  clerk: string;
  data: EntryData;
  created_at: Date;
}

export function toFileDetailObject(f: ArchiveFile & { scans: ScanRow[]; entries: EntryRow[] }): DigitisationFileDetailObject {
  return {
    ...toFileObject(f),
    scans: f.scans.map((s) => ({
      id: s.id,
      sha256: s.sha256,
      sizeBytes: Number(s.size_bytes),
      contentType: s.content_type,
      pageCount: s.page_count,
      thumbnailState: s.thumbnail_state,
      thumbnailError: s.thumbnail_error ?? null,
      uploadedBy: s.uploaded_by,
      uploadedAt: s.uploaded_at,
    })),
    entries: f.entries.map((e) => ({ clerk: e.clerk, data: toEntryDataObject(e.data), createdAt: e.created_at })),
  };
}

const counts = (byState: Record<string, number>): StateCountObject[] =>
  FILE_STATES.filter((s) => byState[s] !== undefined).map((s) => ({ state: s, count: byState[s] }));

export function toStatsObject(s: DigitisationStats): DigitisationStatsObject {
  return {
    filesByState: counts(s.filesByState),
    boxes: s.boxes.map((b) => ({ box: b.box, total: b.total, done: b.done, byState: counts(b.byState) })),
    clerks: s.clerks.map((c) => ({ ...c })),
    days: s.days.map((d) => ({ ...d })),
    digitisationRate: s.digitisationRate,
  };
}
