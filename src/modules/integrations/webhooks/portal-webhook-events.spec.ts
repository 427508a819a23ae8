import {
  portalEventOf,
  retryDelayMs,
  retrySpanMs,
} from 'src/modules/integrations/webhooks/portal-webhook-events';

describe('portal webhook events', () => {
  it('maps receipt, supplement request, result and apology to their own events', () => {
    expect(portalEventOf('dossier.submitted', { toState: 'SUBMITTED' })).toBe('dossier.received');
    expect(portalEventOf('dossier.supplement_requested', { fromState: 'IN_PROCESSING', toState: 'WAITING_SUPPLEMENT' })).toBe(
      'dossier.supplement_requested',
    );
    expect(portalEventOf('dossier.result_ready', { fromState: 'APPROVED', toState: 'RESULT_READY' })).toBe('dossier.result_ready');
    expect(portalEventOf('dossier.apology_sent', { fromState: 'IN_PROCESSING', toState: 'IN_PROCESSING' })).toBe('dossier.late_apology');
  });

  it('turns every other state change into dossier.state_changed and drops events that change no state', () => {
    expect(portalEventOf('dossier.approved', { fromState: 'IN_PROCESSING', toState: 'APPROVED' })).toBe('dossier.state_changed');
    expect(portalEventOf('dossier.assigned', { fromState: 'IN_PROCESSING', toState: 'IN_PROCESSING' })).toBeNull();
    expect(portalEventOf('dossier.documents_added', {})).toBeNull();
  });

  it('retries with exponential backoff for more than 24 hours with the default settings', () => {
    expect(retryDelayMs(1, 30_000, 6 * 3600_000)).toBe(30_000);
    expect(retryDelayMs(2, 30_000, 6 * 3600_000)).toBe(60_000);
    expect(retryDelayMs(20, 30_000, 6 * 3600_000)).toBe(6 * 3600_000);
    expect(retrySpanMs(14, 30_000, 6 * 3600_000)).toBeGreaterThan(24 * 3600_000);
  });
});
