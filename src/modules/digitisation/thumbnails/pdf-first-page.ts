import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Bounds on rendering one scanned PDF: a hostile or broken file costs at most this much. */
export interface PdfRenderLimits {
  /** Wall time for parsing and rendering page 1; the worker is terminated after it. */
  timeoutMs: number;
  /** V8 heap of the rendering worker (old generation); exceeding it kills the worker, not the process. */
  maxHeapMb: number;
  /** Longest side of the rendered page in pixels (bounds the native canvas memory). */
  maxSidePx: number;
}

export const DEFAULT_PDF_RENDER_LIMITS: PdfRenderLimits = { timeoutMs: 20_000, maxHeapMb: 192, maxSidePx: 1024 };

/** Why a PDF could not be rendered: the file (corrupt, encrypted, too heavy), never the caller's fault. */
export class PdfRenderError extends Error {
  constructor(
    readonly reason: 'UNREADABLE' | 'TIMEOUT' | 'TOO_HEAVY',
    detail: string,
  ) {
    super(detail);
    this.name = 'PdfRenderError';
  }
}

/**
 * Runs in a worker thread (CommonJS script, real Node loader): pdfjs-dist is ESM-only, so it is loaded with a
 * genuine dynamic import() here, never by Jest or by the app's CommonJS build. Node 20 lacks two built-ins that
 * pdfjs 6 uses (Promise.withResolvers, ArrayBuffer#transferToFixedLength); they are polyfilled in this isolate only.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (!Promise.withResolvers) Promise.withResolvers = function () {
  let resolve, reject;
  const promise = new this((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
};
if (!ArrayBuffer.prototype.transferToFixedLength) ArrayBuffer.prototype.transferToFixedLength = function (len) {
  const n = len === undefined ? this.byteLength : len;
  const out = new ArrayBuffer(n);
  new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
  return out;
};
if (!ArrayBuffer.prototype.transfer) ArrayBuffer.prototype.transfer = ArrayBuffer.prototype.transferToFixedLength;
(async () => {
  const pdfjs = await import(workerData.pdfjsUrl);
  const { createCanvas } = require(workerData.canvasPath);
  const task = pdfjs.getDocument({
    data: workerData.data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
    verbosity: 0, standardFontDataUrl: workerData.fontsDir,
  });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(1);
    const unit = page.getViewport({ scale: 1 });
    if (!(unit.width > 0 && unit.height > 0)) throw new Error('The first page has no size');
    const scale = Math.min(workerData.maxSide / unit.width, workerData.maxSide / unit.height);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: ctx, canvas, viewport }).promise;
    parentPort.postMessage({ ok: true, pageCount: doc.numPages, png: canvas.toBuffer('image/png') });
  } finally {
    await task.destroy();
  }
})().catch((e) => parentPort.postMessage({ ok: false, error: String((e && e.message) || e).slice(0, 300) }));
`;

interface Resolved {
  pdfjsUrl: string;
  canvasPath: string;
  fontsDir: string;
}

let resolved: Resolved | undefined;
function modules(): Resolved {
  resolved ??= {
    pdfjsUrl: pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href,
    canvasPath: require.resolve('@napi-rs/canvas'),
    fontsDir: require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, 'standard_fonts/'),
  };
  return resolved;
}

/**
 * Renders page 1 of a PDF to a PNG (longest side ≤ maxSidePx) and counts its pages, in a separate worker thread
 * bounded in time and heap: a corrupt or hostile PDF rejects with a PdfRenderError and never takes the caller down.
 */
export function renderPdfFirstPage(
  content: Buffer,
  limits: PdfRenderLimits = DEFAULT_PDF_RENDER_LIMITS,
): Promise<{ png: Buffer; pageCount: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...modules(), data: new Uint8Array(content), maxSide: limits.maxSidePx },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new PdfRenderError('TIMEOUT', `Rendering took more than ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    worker.on('message', (m: { ok: true; pageCount: number; png: Uint8Array } | { ok: false; error: string }) =>
      finish(() =>
        m.ok
          ? resolve({ png: Buffer.from(m.png), pageCount: m.pageCount })
          : reject(new PdfRenderError('UNREADABLE', m.error)),
      ),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PdfRenderError('TOO_HEAVY', `Rendering needs more than ${limits.maxHeapMb} MB`)
            : new PdfRenderError('UNREADABLE', e.message.slice(0, 300)),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new PdfRenderError('UNREADABLE', `The rendering worker stopped (exit ${code})`))),
    );
  });
}
