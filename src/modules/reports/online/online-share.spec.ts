import fc from 'fast-check';
import { onlineShare } from 'src/modules/reports/online/online-share';

describe('online share = dossiers received online ÷ dossiers received in the period', () => {
  it('Đắk Nông, first half of 2023: 158 online of 1,917 received (1,759 direct and by post) is 8.24 %', () => {
    // Reading taken: the 1 carried-over dossier is not "received in the period", so 158 + 1,759 = 1,917.
    const r = onlineShare({ online: 158, direct: 1_759, postal: 0 });
    expect(r.received).toBe(1_917);
    expect(r.directOrPostal).toBe(1_759);
    expect(r.share.basisPoints).toBe(824);
  });

  it('Nghệ An 2024 unemployment benefit: the article divides 666 online by the 7,762 received directly (8.58 %); ours divides by all 8,428 received (7.90 %)', () => {
    expect(Math.round((666 * 10_000) / 7_762)).toBe(858);
    expect(onlineShare({ online: 666, direct: 7_762, postal: 0 }).share.basisPoints).toBe(790);
  });

  it('online never exceeds received, and received = online + direct/postal, for any counts', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(100_000), (online, direct, postal) => {
        const r = onlineShare({ online, direct, postal });
        return (
          r.online <= r.received &&
          r.received === r.online + r.directOrPostal &&
          (r.share.rate === null ? r.received === 0 : r.share.rate >= 0 && r.share.rate <= 1)
        );
      }),
    );
  });
});
