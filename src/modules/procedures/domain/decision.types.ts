import type {
  DecisionAction,
  DecisionStatus,
  ProcedureContent,
  ProcedureLevel,
} from 'src/modules/procedures/domain/procedure.types';

export interface DecisionItemInput {
  action: DecisionAction;
  procedureCode: string;
  /** The full content of the new version (NEW, AMENDED, REPLACED); absent for ABOLISHED. */
  content?: ProcedureContent | null;
  reason?: string | null;
}

/**
 * A publication decision as written. Staff-entered decisions always have a number and an effective date; only
 * seed and import data may be `unconfirmed` and leave them null (the source did not state them).
 */
export interface DecisionDraftInput {
  number: string | null;
  title?: string | null;
  issuer?: string | null;
  signer?: string | null;
  signedOn?: string | null;
  effectiveFrom: string | null;
  dateText?: string | null;
  notes?: string | null;
  unconfirmed?: boolean;
  seedKey?: string | null;
  source?: Record<string, unknown> | null;
  items: DecisionItemInput[];
}

export interface DecisionItemRecord {
  seq: number;
  action: DecisionAction;
  procedureCode: string;
  reason: string | null;
  resultingVersionId: string | null;
  levels: ProcedureLevel[];
  /** Name from the content (or from the abolished version once applied). */
  procedureName: string | null;
}

export interface DecisionRecord {
  id: string;
  number: string | null;
  title: string | null;
  issuer: string | null;
  signer: string | null;
  signedOn: string | null;
  effectiveFrom: string | null;
  dateText: string | null;
  status: DecisionStatus;
  unconfirmed: boolean;
  notes: string | null;
  createdBy: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  items: DecisionItemRecord[];
}
