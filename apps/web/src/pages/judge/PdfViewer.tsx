import { Button } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';

// pdf.js is loaded only when a judge opens a file: the judge page's own
// bundle stays within its budget. The legacy build runs in the older
// WebViews judges open links in (WeChat and the like).
async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    import('pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'),
  ]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

/**
 * A PDF read page by page in the page itself (the server stamped every page
 * with the judge's name and the time), sized to the screen's width: one page
 * is drawn at a time, so a phone keeps one canvas in memory.
 */
export function PdfViewer({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let loaded: PDFDocumentProxy | null = null;
    let cancelled = false;
    setDoc(null);
    setFailed(false);
    setPage(1);
    loadPdfJs()
      .then(
        (pdfjs) => pdfjs.getDocument({ url, withCredentials: true, disableRange: true }).promise,
      )
      .then((d) => {
        loaded = d;
        if (cancelled) void d.destroy();
        else setDoc(d);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [url]);

  useEffect(() => {
    if (!doc || !canvas.current || !box.current) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let cancelled = false;
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvas.current || !box.current) return;
      const width = box.current.clientWidth || 360;
      const ratio = window.devicePixelRatio || 1;
      const viewport = p.getViewport({
        scale: (width / p.getViewport({ scale: 1 }).width) * ratio,
      });
      const el = canvas.current;
      el.width = viewport.width;
      el.height = viewport.height;
      el.style.width = `${width}px`;
      el.style.height = `${viewport.height / ratio}px`;
      task = p.render({ canvas: el, canvasContext: el.getContext('2d')!, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page]);

  const pages = doc?.numPages ?? 0;
  return (
    <div className="pdf-viewer" ref={box} aria-label={title}>
      {!doc && !failed && <p className="muted">{t('judge.pdfLoading')}</p>}
      {failed && <p className="notice">{t('judge.pdfFailed')}</p>}
      <canvas ref={canvas} className="pdf-viewer__page" hidden={!doc} />
      {doc && (
        <div className="pdf-viewer__nav">
          <Button size="small" disabled={page <= 1} onClick={() => setPage((n) => n - 1)}>
            ‹ {t('judge.prevPage')}
          </Button>
          <span role="status" aria-live="polite">
            {t('judge.pageOf', { page, pages })}
          </span>
          <Button size="small" disabled={page >= pages} onClick={() => setPage((n) => n + 1)}>
            {t('judge.nextPage')} ›
          </Button>
        </div>
      )}
    </div>
  );
}
