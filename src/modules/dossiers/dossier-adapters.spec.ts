import { offeredChannels } from 'src/modules/dossiers/dossier-adapters';
import { outcomeOf } from 'src/modules/dossiers/services/dossier-steps';

describe('channels a procedure is offered through', () => {
  it('uses the stated channels when the source states them', () => {
    expect(offeredChannels(['DIRECT'], 'FULL')).toEqual(['DIRECT']);
  });

  it('defaults to desk and post, plus online when the procedure is published online (Decree 42/2022)', () => {
    expect(offeredChannels(null, 'NONE')).toEqual(['DIRECT', 'POSTAL']);
    expect(offeredChannels([], 'PARTIAL')).toEqual(['DIRECT', 'ONLINE', 'POSTAL']);
  });
});

describe('step and dossier outcome (early / on time / late by business date)', () => {
  const due = new Date('2026-03-13T23:59:59.999+07:00');
  it('is EARLY before the due date, ON_TIME on it, LATE after it', () => {
    expect(outcomeOf(new Date('2026-03-12T16:00:00+07:00'), due)).toBe('EARLY');
    expect(outcomeOf(new Date('2026-03-13T08:00:00+07:00'), due)).toBe('ON_TIME');
    expect(outcomeOf(new Date('2026-03-14T00:30:00+07:00'), due)).toBe('LATE');
    expect(outcomeOf(new Date(), null)).toBeNull();
  });
});
