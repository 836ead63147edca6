import { Button } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { PdfViewer } from './PdfViewer';

type FileList = components['schemas']['ProjectFileListDto'];

const fileUrl = (id: string, download = false) =>
  `/api/v1/files/${encodeURIComponent(id)}${download ? '?download=true' : ''}`;

/**
 * The project's materials as the round froze them (the versions current when
 * it opened): a PDF (the BP, the deck) opens in the built-in viewer, an image
 * inline, anything else as a download, unless the round is view only.
 */
export function ProjectFiles({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const [files, setFiles] = useState<FileList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    call(api.GET('/api/v1/projects/{id}/files', { params: { path: { id: projectId } } }))
      .then((list) => {
        setFiles(list);
        // The first PDF (the BP comes first in the form) opens at once.
        setOpen(list.items.find((f) => f.contentType === 'application/pdf')?.id ?? null);
      })
      // Outside an open round the judge sees no materials: nothing to show.
      .catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? undefined : setError(e)));
  }, [projectId]);

  if (error) return <ErrorAlert error={error} />;
  if (!files) return null;
  const label = (f: FileList['items'][number]) =>
    (f.label ? (i18n.language === 'en' ? f.label.en : f.label.zh) : f.field) + ` · ${f.name}`;
  return (
    <section className="card project-files" aria-label={t('judge.files')}>
      <h3>{t('judge.files')}</h3>
      {files.items.length === 0 && <p className="muted">{t('judge.noFiles')}</p>}
      {files.items.length > 0 && (
        <p className="muted hint">
          {files.viewOnly ? t('judge.viewOnlyNotice') : t('judge.watermarkNotice')}
        </p>
      )}
      {files.items.map((f) => (
        <div key={f.id} className="project-files__item">
          <div className="project-files__head">
            <span>{label(f)}</span>
            {f.contentType === 'application/pdf' && (
              <Button size="mini" onClick={() => setOpen(open === f.id ? null : f.id)}>
                {open === f.id ? t('judge.closeFile') : t('judge.openFile')}
              </Button>
            )}
            {!files.viewOnly && (
              <a href={fileUrl(f.id, true)} download>
                {t('judge.download')}
              </a>
            )}
          </div>
          {f.contentType === 'application/pdf' && open === f.id && (
            <PdfViewer url={fileUrl(f.id)} title={label(f)} />
          )}
          {f.contentType.startsWith('video/') && (
            // Streams by Range requests (the session cookie goes with them).
            <video
              src={fileUrl(f.id)}
              controls
              preload="metadata"
              playsInline
              className="project-files__video"
              aria-label={label(f)}
              controlsList={files.viewOnly ? 'nodownload' : undefined}
            />
          )}
          {f.contentType.startsWith('image/') && (
            <img src={fileUrl(f.id)} alt={label(f)} className="project-files__image" />
          )}
        </div>
      ))}
    </section>
  );
}
