import { Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { type StoredFile, uploadResumable } from '../api/upload';
import { ErrorAlert } from '../layout/ErrorAlert';

/**
 * What this component needs of a registration form's file field (the form's
 * FormField, libs/domain/src/registration-form/form.types.ts, as the API
 * sends it): any FormField fits.
 */
export interface FormField {
  key: string;
  type: string;
  label: { zh: string; en: string };
  help?: { zh: string; en: string };
  required?: boolean;
  accept?: ('pdf' | 'image' | 'office' | 'video')[];
  maxBytes?: number;
}

export interface FileUploadFieldProps {
  projectId: string;
  field: FormField;
  /** The stored file's id (the answer), or null. */
  value: string | null;
  onChange: (fileId: string | null) => void;
  disabled?: boolean;
  /** The stored file `value` names, when the page has it (name, size, version shown). */
  current?: StoredFile | null;
}

const EXTENSIONS: Record<string, string> = {
  pdf: '.pdf,application/pdf',
  image: 'image/*',
  office: '.doc,.docx,.xls,.xlsx,.ppt,.pptx',
  video: 'video/mp4,.mp4',
};
// Same defaults as the server (libs/domain fileFieldMaxBytes).
const DEFAULT_DOCUMENT_MAX = 50 * 1024 * 1024;
const DEFAULT_VIDEO_MAX = 1024 * 1024 * 1024;

export const formatBytes = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.ceil(n / 1024))} KB`;

/**
 * A file field of the registration form: choose, upload with progress (in
 * chunks: a dropped connection resumes where the server stands, so a video
 * of hundreds of MB survives a phone's connection), show name, size and
 * version, replace.
 */
export function FileUploadField({
  projectId,
  field,
  value,
  onChange,
  disabled,
  current,
}: FileUploadFieldProps) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<StoredFile | null>(current ?? null);
  const [progress, setProgress] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setFile(current ?? null), [current]);
  useEffect(() => () => abort.current?.abort(), []);

  const accept = field.accept?.length ? field.accept : ['pdf'];
  const maxBytes =
    field.maxBytes ?? (accept.includes('video') ? DEFAULT_VIDEO_MAX : DEFAULT_DOCUMENT_MAX);
  const label = i18n.language === 'en' ? field.label.en : field.label.zh;
  const shown = file && file.id === value ? file : null;

  async function send(chosen: File) {
    setError(null);
    if (chosen.size > maxBytes) {
      setError(
        new ApiError(413, 'too large', [], 'FILE_TOO_LARGE', { field: field.key, maxBytes }),
      );
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setAttempt(0);
    setProgress(0);
    try {
      // Resumable: a dropped connection resumes from what the server holds.
      const stored = await uploadResumable(
        projectId,
        field.key,
        chosen,
        (sent, total) => setProgress(Math.round((sent / Math.max(total, 1)) * 100)),
        controller.signal,
        setAttempt,
      );
      setFile(stored);
      setProgress(null);
      onChange(stored.id);
    } catch (e) {
      setProgress(null);
      if (!controller.signal.aborted) setError(e);
    }
  }

  return (
    <div className="file-upload-field" data-field={field.key}>
      <input
        ref={input}
        type="file"
        hidden
        // The page's input styles would otherwise show the browser's own picker beside the button.
        style={{ display: 'none' }}
        accept={accept.map((k) => EXTENSIONS[k]).join(',')}
        aria-label={label}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) void send(chosen);
        }}
      />
      <Space wrap align="center">
        {shown && (
          <Typography.Text>
            {shown.name} · {formatBytes(shown.size)} ·{' '}
            {t('files.version', { version: shown.version })}
          </Typography.Text>
        )}
        {!shown && value && <Typography.Text type="secondary">{t('files.stored')}</Typography.Text>}
        <Button
          disabled={disabled || progress !== null}
          onClick={() => input.current?.click()}
          aria-label={`${value ? t('files.replace') : t('files.choose')} ${label}`}
        >
          {value ? t('files.replace') : t('files.choose')}
        </Button>
        {progress !== null && (
          <Button size="small" onClick={() => abort.current?.abort()}>
            {t('common.cancel')}
          </Button>
        )}
      </Space>
      {progress !== null && (
        <div role="status" aria-live="polite">
          <Progress percent={progress} size="small" />
          {attempt > 0 && (
            <Typography.Text type="warning">{t('files.retrying', { attempt })}</Typography.Text>
          )}
        </div>
      )}
      <Typography.Text type="secondary" className="file-upload-field__hint">
        {t('files.hint', {
          kinds: accept.map((k) => t(`files.kinds.${k}`)).join(' / '),
          max: formatBytes(maxBytes),
        })}
      </Typography.Text>
      <ErrorAlert error={error} />
    </div>
  );
}
