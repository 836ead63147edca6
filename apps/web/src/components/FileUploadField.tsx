import { Button, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../api/errors';
import type { components } from '../api/schema';
import { CSRF_HEADERS } from '../api/token-store';

export type FormField = components['schemas']['FormFieldDto'];

export interface FileUploadFieldProps {
  projectId: string;
  field: FormField;
  value: string | null;
  onChange(fileId: string | null): void;
  disabled?: boolean;
}

const ACCEPT: Record<string, string> = {
  pdf: 'application/pdf,.pdf',
  image: 'image/*',
  office: '.doc,.docx,.xls,.xlsx,.ppt,.pptx',
  video: 'video/mp4,.mp4',
};

/**
 * A file answer of the registration form: picks a file and posts it
 * (multipart: `field` = the form field's key, `file`) to
 * POST /api/v1/projects/{id}/files, then answers with the stored file's id.
 * A plain version: the files feature (issue 19, branch `files`) brings its
 * own richer one (resumable upload, versions) at merge. The route is not in
 * the generated client until that feature declares it, hence fetch here.
 */
export function FileUploadField(props: FileUploadFieldProps) {
  const { projectId, field, value, disabled } = props;
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.append('field', field.key);
      body.append('file', file);
      const res = await fetch(`/api/v1/projects/${projectId}/files`, {
        method: 'POST',
        headers: { ...CSRF_HEADERS },
        body,
        credentials: 'same-origin',
      });
      const json: unknown = await res.json().catch(() => null);
      if (!res.ok) throw ApiError.from(res.status, json);
      setName(file.name);
      props.onChange((json as { id: string }).id);
    } catch (e) {
      setError(describeError(e instanceof ApiError ? e : ApiError.network(e), t).title);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={field.label.zh}
        accept={(field.accept ?? []).map((k) => ACCEPT[k]).join(',') || undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <Space wrap>
        <Button loading={busy} disabled={disabled} onClick={() => input.current?.click()}>
          {value ? t('applicant.form.replaceFile') : t('applicant.form.chooseFile')}
        </Button>
        {value && (
          <Typography.Text type="secondary">
            {name ?? t('applicant.form.fileUploaded')}
          </Typography.Text>
        )}
        {value && !disabled && (
          <Button type="link" onClick={() => props.onChange(null)}>
            {t('applicant.form.removeFile')}
          </Button>
        )}
      </Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
