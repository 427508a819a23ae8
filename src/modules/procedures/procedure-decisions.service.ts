import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AuditService } from 'src/modules/audit/audit.service';
import type {
  DecisionDraftInput,
  DecisionItemRecord,
  DecisionRecord,
} from 'src/modules/procedures/domain/decision.types';
import { checkDecisionDraft } from 'src/modules/procedures/domain/decision-rules';
import {
  NATIONAL_CODE_PATTERN,
  type DecisionAction,
  type DecisionStatus,
  type ProcedureContent,
  type ProcedureLevel,
} from 'src/modules/procedures/domain/procedure.types';
import { ProcedureVersionStore } from 'src/modules/procedures/persistence/procedure-version.store';

interface DecisionRow {
  id: string;
  number: string | null;
  title: string | null;
  issuer: string | null;
  signer: string | null;
  signed_on: string | null;
  effective_from: string | null;
  date_text: string | null;
  status: DecisionStatus;
  unconfirmed: boolean;
  notes: string | null;
  created_by: string | null;
  created_at: Date;
  applied_at: Date | null;
}

const DECISION_SELECT = `id, number, title, issuer, signer, signed_on::text as signed_on,
  effective_from::text as effective_from, date_text, status, unconfirmed, notes, created_by, created_at, applied_at`;

export interface DecisionListFilter {
  status?: DecisionStatus;
  signedFrom?: string;
  signedTo?: string;
}

/**
 * Publication decisions: the only way the catalog changes. A decision is written as a draft (its items carry the
 * complete new content, validated on entry) and then applied: each item creates a version effective from the
 * decision's effective date and closes the version it replaces, so earlier versions stay readable and dossiers bound
 * to them keep their rules. Every write is audited in the same transaction.
 */
@Injectable()
export class ProcedureDecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ProcedureVersionStore,
    private readonly audit: AuditService,
  ) {}

  /** Records a draft decision. Content rules (step budgets, fees, channels) are checked now, state rules on apply. */
  async createDraft(input: DecisionDraftInput, manager?: EntityManager): Promise<DecisionRecord> {
    checkDecisionDraft(input);
    const run = async (m: EntityManager): Promise<string> => {
      const fieldCodes = [...new Set(input.items.flatMap((i) => (i.content ? [i.content.fieldCode] : [])))];
      if (fieldCodes.length > 0) {
        const known = await m.query<Array<{ code: string }>>(
          `select code from procedure_fields where code = any($1::text[])`,
          [fieldCodes],
        );
        const missing = fieldCodes.filter((c) => !known.some((k) => k.code === c));
        if (missing.length > 0)
          throw new DomainException(
            'PROCEDURE_FIELD_UNKNOWN',
            `Unknown field code(s): ${missing.join(', ')}`,
          );
      }
      const [row] = await m.query<Array<{ id: string }>>(
        `insert into procedure_decisions (number, title, issuer, signer, signed_on, effective_from, date_text,
           unconfirmed, seed_key, source, notes, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
        [
          input.number,
          input.title ?? null,
          input.issuer ?? null,
          input.signer ?? null,
          input.signedOn ?? null,
          input.effectiveFrom,
          input.dateText ?? null,
          input.unconfirmed ?? false,
          input.seedKey ?? null,
          input.source ? JSON.stringify(input.source) : null,
          input.notes ?? null,
          RequestContext.actor()?.name ?? 'system',
        ],
      );
      for (const [i, item] of input.items.entries())
        await m.query(
          `insert into procedure_decision_items (decision_id, seq, action, procedure_code, content, reason, levels)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [
            row.id,
            i + 1,
            item.action,
            item.procedureCode,
            item.content ? JSON.stringify(item.content) : null,
            item.reason ?? null,
            item.content?.levels ?? [],
          ],
        );
      await this.audit.record(
        {
          action: 'CREATE',
          entityType: 'procedure_decision',
          entityId: row.id,
          after: {
            number: input.number,
            effectiveFrom: input.effectiveFrom,
            items: input.items.map((i) => `${i.action} ${i.procedureCode}`),
          },
        },
        m,
      );
      return row.id;
    };
    const id = manager ? await run(manager) : await this.dataSource.transaction(run);
    return this.get(id, manager);
  }

  /** Applies a draft: creates the versions, closes the replaced ones, marks abolished procedures. All or nothing. */
  async apply(decisionId: string, manager?: EntityManager): Promise<DecisionRecord> {
    const run = async (m: EntityManager): Promise<void> => {
      const [decision] = await m.query<DecisionRow[]>(
        `select ${DECISION_SELECT} from procedure_decisions where id = $1 for update`,
        [decisionId],
      );
      if (!decision) throw new DomainException('PROCEDURE_DECISION_NOT_FOUND');
      if (decision.status === 'APPLIED') throw new DomainException('PROCEDURE_DECISION_ALREADY_APPLIED');
      const items = await m.query<
        Array<{
          id: string;
          action: DecisionAction;
          procedure_code: string;
          content: ProcedureContent | null;
        }>
      >(
        `select id, action, procedure_code, content from procedure_decision_items where decision_id = $1 order by seq`,
        [decisionId],
      );
      const effective = decision.effective_from;
      for (const item of items) {
        const result = await this.applyItem(m, decision, item.action, item.procedure_code, item.content);
        await m.query(
          `update procedure_decision_items set resulting_version_id = $2, levels = $3 where id = $1`,
          [item.id, result.versionId, result.levels],
        );
        await this.audit.record(
          {
            action: item.action === 'ABOLISHED' ? 'ABOLISH' : item.action === 'NEW' ? 'CREATE' : 'AMEND',
            entityType: 'procedure',
            entityId: item.procedure_code,
            before: result.before,
            after: { decision: decision.number, effectiveFrom: effective, versionId: result.versionId },
          },
          m,
        );
      }
      await m.query(`update procedure_decisions set status = 'APPLIED', applied_at = now() where id = $1`, [
        decisionId,
      ]);
      await this.audit.record(
        {
          action: 'APPLY',
          entityType: 'procedure_decision',
          entityId: decisionId,
          after: { status: 'APPLIED' },
        },
        m,
      );
    };
    if (manager) await run(manager);
    else await this.dataSource.transaction(run);
    return this.get(decisionId, manager);
  }

  /** Creates and applies in one transaction (seeding, imports, the one-step admin call). */
  async createAndApply(input: DecisionDraftInput, manager?: EntityManager): Promise<DecisionRecord> {
    const run = async (m: EntityManager): Promise<DecisionRecord> => {
      const draft = await this.createDraft(input, m);
      return this.apply(draft.id, m);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Deletes a decision that was never applied. */
  async deleteDraft(decisionId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<Array<{ status: DecisionStatus; number: string | null }>>(
        `select status, number from procedure_decisions where id = $1 for update`,
        [decisionId],
      );
      if (!row) throw new DomainException('PROCEDURE_DECISION_NOT_FOUND');
      if (row.status === 'APPLIED') throw new DomainException('PROCEDURE_DECISION_ALREADY_APPLIED');
      await m.query(`delete from procedure_decisions where id = $1`, [decisionId]);
      await this.audit.record(
        {
          action: 'DELETE',
          entityType: 'procedure_decision',
          entityId: decisionId,
          before: { number: row.number },
        },
        m,
      );
    });
  }

  async get(decisionId: string, manager?: EntityManager): Promise<DecisionRecord> {
    const m = manager ?? this.dataSource.manager;
    const [row] = await m.query<DecisionRow[]>(
      `select ${DECISION_SELECT} from procedure_decisions where id = $1`,
      [decisionId],
    );
    if (!row) throw new DomainException('PROCEDURE_DECISION_NOT_FOUND');
    const [decision] = await this.withItems(m, [row]);
    return decision;
  }

  /** Decisions, newest signing date first (unknown dates last), keyset-paginated. */
  async list(filter: DecisionListFilter, first?: number, after?: string): Promise<Page<DecisionRecord>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const params: unknown[] = [filter.status ?? null, filter.signedFrom ?? null, filter.signedTo ?? null];
    let keyset = '';
    if (cursor) {
      params.push(String(cursor.k), cursor.id);
      keyset = `and (coalesce(signed_on::text, '0000-00-00'), id::text) < ($4, $5)`;
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<DecisionRow[]>(
      `select ${DECISION_SELECT} from procedure_decisions
       where ($1::text is null or status = $1) and ($2::date is null or signed_on >= $2)
         and ($3::date is null or signed_on <= $3) ${keyset}
       order by coalesce(signed_on::text, '0000-00-00') desc, id::text desc
       limit $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.withItems(this.dataSource.manager, page),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ k: last.signed_on ?? '0000-00-00', id: last.id }) : null,
    };
  }

  private async withItems(m: EntityManager, rows: DecisionRow[]): Promise<DecisionRecord[]> {
    if (rows.length === 0) return [];
    const items = await m.query<
      Array<{
        decision_id: string;
        seq: number;
        action: DecisionAction;
        procedure_code: string;
        reason: string | null;
        resulting_version_id: string | null;
        levels: ProcedureLevel[];
        procedure_name: string | null;
      }>
    >(
      `select i.decision_id, i.seq, i.action, i.procedure_code, i.reason, i.resulting_version_id, i.levels,
         coalesce(i.content ->> 'name', v.name) as procedure_name
       from procedure_decision_items i left join procedure_versions v on v.id = i.resulting_version_id
       where i.decision_id = any($1::uuid[]) order by i.decision_id, i.seq`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      issuer: r.issuer,
      signer: r.signer,
      signedOn: r.signed_on,
      effectiveFrom: r.effective_from,
      dateText: r.date_text,
      status: r.status,
      unconfirmed: r.unconfirmed,
      notes: r.notes,
      createdBy: r.created_by,
      createdAt: r.created_at,
      appliedAt: r.applied_at,
      items: items
        .filter((i) => i.decision_id === r.id)
        .map((i): DecisionItemRecord => ({
          seq: i.seq,
          action: i.action,
          procedureCode: i.procedure_code,
          reason: i.reason,
          resultingVersionId: i.resulting_version_id,
          levels: i.levels,
          procedureName: i.procedure_name,
        })),
    }));
  }

  private async applyItem(
    m: EntityManager,
    decision: DecisionRow,
    action: DecisionAction,
    code: string,
    content: ProcedureContent | null,
  ): Promise<{ versionId: string | null; levels: ProcedureLevel[]; before: Record<string, unknown> | null }> {
    const effective = decision.effective_from;
    const [procedure] = await m.query<Array<{ id: string; abolished_on: string | null }>>(
      `select id, abolished_on::text as abolished_on from procedures where code = $1 for update`,
      [code],
    );
    if (action === 'NEW') {
      if (procedure)
        throw new DomainException(
          'PROCEDURE_ALREADY_EXISTS',
          `Procedure ${code} already exists; amend or replace it`,
        );
      const c = content as ProcedureContent;
      const nationalCode = c.nationalCode ?? (NATIONAL_CODE_PATTERN.test(code) ? code : null);
      const [created] = await m.query<Array<{ id: string }>>(
        `insert into procedures (code, national_code) values ($1, $2) returning id`,
        [code, nationalCode],
      );
      const versionId = await this.store.insertVersion(m, {
        procedureId: created.id,
        versionNo: 1,
        decisionId: decision.id,
        changeKind: 'NEW',
        validFrom: effective,
        content: c,
      });
      return { versionId, levels: c.levels, before: null };
    }
    if (!procedure) throw new DomainException('PROCEDURE_NOT_FOUND', `No procedure with code ${code}`);
    if (procedure.abolished_on)
      throw new DomainException(
        'PROCEDURE_ABOLISHED',
        `Procedure ${code} was abolished on ${procedure.abolished_on}`,
      );
    const [open] = await m.query<
      Array<{
        id: string;
        version_no: number;
        valid_from: string | null;
        levels: ProcedureLevel[];
        name: string;
      }>
    >(
      `select id, version_no, valid_from::text as valid_from, levels, name from procedure_versions
       where procedure_id = $1 and valid_to is null`,
      [procedure.id],
    );
    if (!open) throw new DomainException('PROCEDURE_NOT_IN_FORCE', `Procedure ${code} has no open version`);
    if (!effective || (open.valid_from !== null && effective <= open.valid_from))
      throw new DomainException(
        'PROCEDURE_DECISION_DATE_CONFLICT',
        `Procedure ${code}: the decision takes effect on ${effective ?? 'an unknown date'}, the current version on ${
          open.valid_from ?? 'an unknown date'
        }`,
      );
    await m.query(`update procedure_versions set valid_to = $2 where id = $1`, [open.id, effective]);
    const before = { versionId: open.id, versionNo: open.version_no, validFrom: open.valid_from };
    if (action === 'ABOLISHED') {
      await m.query(`update procedures set abolished_on = $2, abolished_by_decision_id = $3 where id = $1`, [
        procedure.id,
        effective,
        decision.id,
      ]);
      return { versionId: null, levels: open.levels, before };
    }
    const c = content as ProcedureContent;
    if (c.nationalCode)
      await m.query(`update procedures set national_code = $2 where id = $1`, [procedure.id, c.nationalCode]);
    const versionId = await this.store.insertVersion(m, {
      procedureId: procedure.id,
      versionNo: open.version_no + 1,
      decisionId: decision.id,
      changeKind: action,
      validFrom: effective,
      content: c,
    });
    return { versionId, levels: c.levels, before };
  }
}
