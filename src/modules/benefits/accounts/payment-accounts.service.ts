import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import {
  AccountCipher,
  maskAccountNumber,
  maskHolderName,
  nameKey,
} from 'src/modules/benefits/accounts/account-cipher';
import { rowsOf } from 'src/modules/benefits/domain/sql-rows';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { PeopleService } from 'src/modules/registry/people/people.service';

export type AccountMethod = 'BANK' | 'POST_OFFICE_CASH';

/** A payment account as every response shows it: the account number masked to its last four. */
export interface MaskedAccount {
  id: string;
  personId: string;
  method: AccountMethod;
  bankCode: string | null;
  accountNumberMasked: string | null;
  holderNameMasked: string | null;
  holderNameMatches: boolean | null;
  postOffice: string | null;
  state: 'ACTIVE' | 'CLOSED';
  createdAt: Date;
}

/** The audited single read. */
export interface RevealedAccount extends MaskedAccount {
  accountNumber: string | null;
  holderName: string | null;
}

interface AccountRow {
  id: string;
  personId: string;
  method: AccountMethod;
  bankCode: string | null;
  last4: string | null;
  ciphertext: Buffer | null;
  holderNameMatches: boolean | null;
  postOffice: string | null;
  state: 'ACTIVE' | 'CLOSED';
  createdAt: Date;
  unitId: string | null;
}

const COLUMNS = `a.id, a.person_id as "personId", a.method, a.bank_code as "bankCode", a.account_last4 as last4,
  a.account_ciphertext as ciphertext, a.holder_name_matches as "holderNameMatches", a.post_office as "postOffice",
  a.state, a.created_at as "createdAt", p.residence_unit_id as "unitId"`;

export interface RegisterAccountInput {
  personId: string;
  method: AccountMethod;
  bankCode?: string;
  accountNumber?: string;
  holderName?: string;
  postOffice?: string;
}

const actorName = (actor: Actor | undefined): string => (actor ? `${actor.kind}:${actor.name}` : 'system');

/**
 * Payment accounts (Project 06 cashless payment): a bank account, encrypted at rest, or cash at the post office.
 * One active account per person; a new one closes the old. Responses are masked; `reveal` is the audited exception.
 */
@Injectable()
export class PaymentAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: AccountCipher,
    private readonly people: PeopleService,
    private readonly scope: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  private mask(row: AccountRow): MaskedAccount {
    let holder: string | null = null;
    if (row.ciphertext) holder = maskHolderName(this.cipher.open(row.ciphertext).holderName);
    return {
      id: row.id,
      personId: row.personId,
      method: row.method,
      bankCode: row.bankCode,
      accountNumberMasked: row.last4 ? maskAccountNumber(row.last4) : null,
      holderNameMasked: holder,
      holderNameMatches: row.holderNameMatches,
      postOffice: row.postOffice,
      state: row.state,
      createdAt: row.createdAt,
    };
  }

  /** Registers the person's account; the holder name must match the person's name (diacritics and case aside). */
  async register(actor: Actor | undefined, input: RegisterAccountInput): Promise<MaskedAccount> {
    const person = await this.people.getForActor(actor, input.personId);
    let ciphertext: Buffer | null = null;
    let last4: string | null = null;
    if (input.method === 'BANK') {
      if (!input.bankCode || !input.accountNumber || !input.holderName)
        throw new DomainException(
          'VALIDATION_FAILED',
          'a bank account needs bankCode, accountNumber and holderName',
        );
      if (nameKey(input.holderName) !== nameKey(person.fullName))
        throw new DomainException('BENEFIT_ACCOUNT_HOLDER_MISMATCH');
      ciphertext = this.cipher.seal({ accountNumber: input.accountNumber, holderName: input.holderName });
      last4 = input.accountNumber.slice(-4);
    }
    return this.dataSource.transaction(async (m) => {
      const closed = rowsOf<{ id: string }>(
        await m.query(
          `update benefit_payment_accounts set state = 'CLOSED', closed_at = now()
            where person_id = $1 and state = 'ACTIVE' returning id`,
          [person.id],
        ),
      );
      const [row] = await m.query<Array<{ id: string }>>(
        `insert into benefit_payment_accounts (person_id, method, bank_code, account_ciphertext, account_last4,
           holder_name_matches, post_office, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [
          person.id,
          input.method,
          input.method === 'BANK' ? input.bankCode : null,
          ciphertext,
          last4,
          input.method === 'BANK' ? true : null,
          input.postOffice ?? null,
          actorName(actor),
        ],
      );
      // The audit trail records that an account was set, never its number.
      await this.audit.record(
        {
          action: 'CREATE',
          entityType: 'benefit_payment_account',
          entityId: row.id,
          after: {
            personId: person.id,
            method: input.method,
            bankCode: input.bankCode ?? null,
            closed: closed.map((c) => c.id),
          },
        },
        m,
      );
      return this.mask(await this.load(row.id, m));
    });
  }

  private async load(
    id: string,
    manager = this.dataSource.manager,
    units: string[] | null = null,
  ): Promise<AccountRow> {
    const [row] = await manager.query<AccountRow[]>(
      `select ${COLUMNS} from benefit_payment_accounts a join registry_people p on p.id = a.person_id
        where a.id = $1 and ($2::uuid[] is null or p.residence_unit_id = any($2))`,
      [id, units],
    );
    if (!row) throw new DomainException('BENEFIT_ACCOUNT_NOT_FOUND');
    return row;
  }

  async get(actor: Actor | undefined, id: string): Promise<MaskedAccount> {
    return this.mask(await this.load(id, undefined, scopeParam(await this.scope.unitScope(actor))));
  }

  async listForPerson(actor: Actor | undefined, personId: string): Promise<MaskedAccount[]> {
    const units = scopeParam(await this.scope.unitScope(actor));
    const rows = await this.dataSource.query<AccountRow[]>(
      `select ${COLUMNS} from benefit_payment_accounts a join registry_people p on p.id = a.person_id
        where a.person_id = $1 and ($2::uuid[] is null or p.residence_unit_id = any($2))
        order by a.created_at desc limit 50`,
      [personId, units],
    );
    return rows.map((r) => this.mask(r));
  }

  /** The one read that shows the full account number and holder name; it is recorded in the audit trail. */
  async reveal(actor: Actor | undefined, id: string): Promise<RevealedAccount> {
    const row = await this.load(id, undefined, scopeParam(await this.scope.unitScope(actor)));
    await this.audit.personalDataViewed('benefit_payment_account', id, ['accountNumber', 'holderName']);
    const secret = row.ciphertext ? this.cipher.open(row.ciphertext) : null;
    return {
      ...this.mask(row),
      accountNumber: secret?.accountNumber ?? null,
      holderName: secret?.holderName ?? null,
    };
  }

  /** Decrypts accounts for a bank file (internal: callers audit the export). */
  async secretsFor(
    ids: string[],
  ): Promise<Map<string, { bankCode: string; accountNumber: string; holderName: string }>> {
    const rows = await this.dataSource.query<Array<{ id: string; bankCode: string; ciphertext: Buffer }>>(
      `select id, bank_code as "bankCode", account_ciphertext as ciphertext from benefit_payment_accounts
        where id = any($1::uuid[]) and method = 'BANK'`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { bankCode: r.bankCode, ...this.cipher.open(r.ciphertext) }]));
  }
}
