import fc from 'fast-check';
import { DomainException } from 'src/common/errors/domain.exception';
import {
  allowedActions,
  assertTransferLevels,
  DOSSIER_ACTIONS,
  DOSSIER_STATES,
  nextState,
  RESOLVED_STATES,
  structureOn,
  TERMINAL_STATES,
  type DossierAction,
  type DossierState,
} from 'src/modules/dossiers/domain/dossier-state';
import { PORTAL_CHANNEL, PORTAL_STATUS, channelFromPortal } from 'src/modules/dossiers/domain/portal-codes';

function run(actions: DossierAction[], from: DossierState = 'SUBMITTED'): DossierState {
  return actions.reduce<DossierState>((s, a) => nextState(s, a), from);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainException ? e.code : 'OTHER';
  }
  return undefined;
}

describe('dossier state machine (Decree 118/2025, Circular 03/2025)', () => {
  it('walks the main path: received → processing → supplement → approved → result ready → returned', () => {
    expect(
      run([
        'ACCEPT',
        'START_PROCESSING',
        'REQUEST_SUPPLEMENT',
        'SUPPLEMENT',
        'HANDOVER',
        'APPROVE',
        'MARK_RESULT_READY',
        'RETURN_RESULT',
      ]),
    ).toBe('RESULT_RETURNED');
  });

  it('supplement before acceptance, then acceptance; refusal at receipt is terminal', () => {
    expect(run(['REQUEST_SUPPLEMENT_AT_RECEIPT', 'SUPPLEMENT_AT_RECEIPT', 'ACCEPT'])).toBe('RECEIVED');
    expect(run(['REQUEST_SUPPLEMENT_AT_RECEIPT', 'REFUSE'])).toBe('REFUSED');
    expect(allowedActions('REFUSED')).toEqual([]);
  });

  it('withdrawal is allowed only while no decision has been issued (Circular 03/2025 art. 7)', () => {
    expect(run(['ACCEPT', 'START_PROCESSING', 'REQUEST_WITHDRAWAL', 'WITHDRAW'])).toBe('WITHDRAWN');
    expect(codeOf(() => run(['ACCEPT', 'START_PROCESSING', 'APPROVE', 'WITHDRAW']))).toBe(
      'DOSSIER_ILLEGAL_TRANSITION',
    );
  });

  it('rejection leads to a result (the refusal decision) being returned', () => {
    expect(run(['ACCEPT', 'START_PROCESSING', 'REJECT', 'MARK_RESULT_READY', 'RETURN_RESULT'])).toBe(
      'RESULT_RETURNED',
    );
  });

  it('an illegal transition is DOSSIER_ILLEGAL_TRANSITION (409)', () => {
    try {
      nextState('SUBMITTED', 'APPROVE');
      fail('expected an exception');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainException);
      expect((e as DomainException).code).toBe('DOSSIER_ILLEGAL_TRANSITION');
      expect((e as DomainException).status).toBe(409);
    }
  });

  it('property: terminal states allow no action at all', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL_STATES), fc.constantFrom(...DOSSIER_ACTIONS), (s, a) => {
        expect(codeOf(() => nextState(s, a))).toBe('DOSSIER_ILLEGAL_TRANSITION');
      }),
    );
  });

  it('property: any sequence of actions either stays in known states or fails with the transition code only', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DOSSIER_ACTIONS), { maxLength: 30 }), (actions) => {
        let s: DossierState = 'SUBMITTED';
        for (const a of actions) {
          const code = codeOf(() => nextState(s, a));
          if (code) {
            expect(code).toBe('DOSSIER_ILLEGAL_TRANSITION');
            expect(allowedActions(s)).not.toContain(a);
          } else {
            s = nextState(s, a);
          }
          expect(DOSSIER_STATES).toContain(s);
        }
      }),
    );
  });

  it('property: once resolved, a dossier never goes back to processing or waiting', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DOSSIER_ACTIONS), { maxLength: 30 }), (actions) => {
        let s: DossierState = 'SUBMITTED';
        let resolved = false;
        for (const a of actions) {
          if (!allowedActions(s).includes(a)) continue;
          s = nextState(s, a);
          if (RESOLVED_STATES.includes(s)) resolved = true;
          if (resolved) expect([...RESOLVED_STATES]).toContain(s);
        }
      }),
    );
  });

  it('every non-terminal state has a way forward', () => {
    for (const s of DOSSIER_STATES.filter((x) => !TERMINAL_STATES.includes(x))) {
      expect(allowedActions(s).length).toBeGreaterThan(0);
    }
  });
});

describe('inter-level transfer', () => {
  it('goes commune → district → province under three levels, commune → province under two', () => {
    expect(() => assertTransferLevels('COMMUNE', 'DISTRICT', 'THREE_LEVEL')).not.toThrow();
    expect(() => assertTransferLevels('DISTRICT', 'PROVINCE', 'THREE_LEVEL')).not.toThrow();
    expect(() => assertTransferLevels('COMMUNE', 'PROVINCE', 'TWO_LEVEL')).not.toThrow();
    expect(codeOf(() => assertTransferLevels('COMMUNE', 'PROVINCE', 'THREE_LEVEL'))).toBe('DOSSIER_ILLEGAL_TRANSFER');
    expect(codeOf(() => assertTransferLevels('COMMUNE', 'DISTRICT', 'TWO_LEVEL'))).toBe('DOSSIER_ILLEGAL_TRANSFER');
    expect(codeOf(() => assertTransferLevels('PROVINCE', 'COMMUNE', 'TWO_LEVEL'))).toBe('DOSSIER_ILLEGAL_TRANSFER');
  });

  it('the district level is abolished from 1 July 2025 (Law 72/2025/QH15)', () => {
    expect(structureOn('2025-06-30')).toBe('THREE_LEVEL');
    expect(structureOn('2025-07-01')).toBe('TWO_LEVEL');
  });
});

describe('national portal codes (TrangThaiHoSo 1–10, KenhThucHien 1–3)', () => {
  it('maps every internal state to exactly one status in 1..10 and covers every status', () => {
    const codes = DOSSIER_STATES.map((s) => PORTAL_STATUS[s]);
    for (const c of codes) expect(c >= 1 && c <= 10).toBe(true);
    expect(new Set(codes)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it('names the worked statuses: online registered 1, accepted 2, refused 3, returned 10', () => {
    expect(PORTAL_STATUS.SUBMITTED).toBe(1);
    expect(PORTAL_STATUS.RECEIVED).toBe(2);
    expect(PORTAL_STATUS.REFUSED).toBe(3);
    expect(PORTAL_STATUS.WAITING_SUPPLEMENT).toBe(5);
    expect(PORTAL_STATUS.WITHDRAWN).toBe(8);
    expect(PORTAL_STATUS.RESULT_RETURNED).toBe(10);
  });

  it('channels: direct 1, online 2, postal 3, round-tripping', () => {
    expect(PORTAL_CHANNEL).toEqual({ DIRECT: 1, ONLINE: 2, POSTAL: 3 });
    expect(channelFromPortal(2)).toBe('ONLINE');
    expect(channelFromPortal(4)).toBeUndefined();
  });
});
