import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { FileStore } from 'src/common/storage/file-store';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { PdfRenderError, renderPdfFirstPage } from 'src/modules/digitisation/thumbnails/pdf-first-page';

const THUMB_SIDE = 256;

/** The content of a scan could not be turned into a thumbnail (a property of the file, not a transient failure). */
class UnrenderableScan extends Error {}

/**
 * The `digitisation.thumbnail` job: a 256 px thumbnail of each scan. Images are resized by sharp (JPEG); page 1 of a
 * PDF is rendered by pdfjs-dist on @napi-rs/canvas in a worker thread bounded in time and heap, then resized by sharp
 * (PNG), and the PDF's real page count replaces the upload-time estimate on the scan and its file. A scan that
 * cannot be rendered (corrupt PDF, unreadable image) ends FAILED with the reason; the job itself succeeds, so a
 * hostile file never crashes or loops the worker. Storage and database errors still throw, for the job's retry.
 */
@Injectable()
export class DigitisationThumbnailsService implements OnModuleInit {
  private readonly logger = new Logger('DigitisationThumbnails');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
    private readonly handlers: JobHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.handlers.register('digitisation.thumbnail', (p) => this.makeThumbnail(p.scanId));
  }

  async makeThumbnail(scanId: string): Promise<void> {
    const [scan] = await this.dataSource.query<
      Array<{ store_key: string; content_type: string; thumbnail_state: string }>
    >(`select store_key, content_type, thumbnail_state from digitisation_scans where id = $1`, [scanId]);
    if (!scan || scan.thumbnail_state === 'DONE' || scan.thumbnail_state === 'FAILED') return;
    const content = await this.store.get(scan.store_key);
    let thumb: Buffer;
    let pageCount: number | null = null;
    try {
      if (scan.content_type === 'application/pdf') {
        const page = await renderPdfFirstPage(content).catch((e: unknown) => {
          throw new UnrenderableScan(e instanceof PdfRenderError ? `PDF ${e.reason}: ${e.message}` : String(e));
        });
        pageCount = page.pageCount;
        thumb = await this.resize(page.png).png({ compressionLevel: 9 }).toBuffer();
      } else {
        thumb = await this.resize(sharp(content, { pages: 1 })).jpeg({ quality: 70 }).toBuffer();
      }
    } catch (e) {
      const reason = e instanceof UnrenderableScan ? e.message : `Image ${e instanceof Error ? e.message : String(e)}`;
      this.logger.warn({ scanId, contentType: scan.content_type }, 'scan thumbnail failed');
      await this.dataSource.query(
        `update digitisation_scans set thumbnail_state = 'FAILED', thumbnail_error = $2
          where id = $1 and thumbnail_state not in ('DONE', 'FAILED')`,
        [scanId, reason.slice(0, 500)],
      );
      return;
    }
    const stored = await this.store.put('digitisation-thumbs', thumb);
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query<Array<{ file_id: string; page_count: number }>>(
        `select file_id, page_count from digitisation_scans where id = $1 and thumbnail_state not in ('DONE', 'FAILED')
           for update`,
        [scanId],
      );
      if (!row) return;
      await m.query(
        `update digitisation_scans set thumbnail_key = $2, thumbnail_state = 'DONE', thumbnail_error = null,
                page_count = coalesce($3, page_count) where id = $1`,
        [scanId, stored.key, pageCount],
      );
      if (pageCount !== null && pageCount !== row.page_count)
        await m.query(
          `update digitisation_files set page_count = greatest(0, page_count + $2), updated_at = now() where id = $1`,
          [row.file_id, pageCount - row.page_count],
        );
    });
  }

  private resize(input: Buffer | sharp.Sharp): sharp.Sharp {
    return (Buffer.isBuffer(input) ? sharp(input) : input).resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside' });
  }
}
