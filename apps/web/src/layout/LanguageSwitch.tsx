import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <button
      type="button"
      className="link-button"
      lang={english ? 'zh-CN' : 'en'}
      onClick={() => setLanguage(english ? 'zh-CN' : 'en')}
    >
      {english ? '中文' : 'English'}
    </button>
  );
}
