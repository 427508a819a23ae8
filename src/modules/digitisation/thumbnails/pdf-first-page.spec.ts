import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { PdfRenderError, renderPdfFirstPage } from 'src/modules/digitisation/thumbnails/pdf-first-page';

function pdf(pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.rect(0, 0, 595, 200).fill('#000000');
    for (let i = 1; i < pages; i++) doc.addPage().text(`Trang ${i + 1}`);
    doc.end();
  });
}

describe('rendering page 1 of a scanned PDF in a bounded worker', () => {
  it('renders page 1 to a PNG whose longest side is the bound, and counts the pages', async () => {
    const { png, pageCount } = await renderPdfFirstPage(await pdf(3), { timeoutMs: 20_000, maxHeapMb: 192, maxSidePx: 400 });
    expect(pageCount).toBe(3);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(400);
    // the black band drawn at the top of page 1 is rendered
    const { data } = await sharp(png).extract({ left: 10, top: 10, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeLessThan(50);
  });

  it('rejects a corrupt PDF with a PdfRenderError instead of crashing', async () => {
    const broken = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Page >> garbage without xref');
    await expect(renderPdfFirstPage(broken)).rejects.toBeInstanceOf(PdfRenderError);
  });

  it('stops a render that exceeds its time bound', async () => {
    await expect(renderPdfFirstPage(await pdf(1), { timeoutMs: 1, maxHeapMb: 192, maxSidePx: 400 })).rejects.toMatchObject({
      reason: 'TIMEOUT',
    });
  });
});
