import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formFieldErrors } from '../../api/errors';

/**
 * Puts a refusal's field problems under the form's own fields (the sentence
 * in the reader's language, by the field's path), as antd shows a rule it
 * checked itself. The alert above the button keeps the refusal as a whole.
 */
export function useFieldErrors(form: FormInstance, error: unknown): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (error) form.setFields(formFieldErrors(error, t));
  }, [error, form, t]);
}
