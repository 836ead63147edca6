import { App as AntApp, ConfigProvider, Layout, Menu, Select, Spin, unstableSetRender } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useMatch, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { $api } from '../../api/query';
import { useConsoleT } from './hooks';
import './i18n';
import './i18n-awards';
import './i18n-advancement';
import './i18n-round';
import './i18n-experts';
import './console.css';

// antd 5 renders its pop-ups with React 19's createRoot through this hook.
unstableSetRender((node, container) => {
  const holder = container as Element & { _consoleRoot?: Root };
  holder._consoleRoot ??= createRoot(container);
  holder._consoleRoot.render(node);
  return async () => {
    await Promise.resolve();
    holder._consoleRoot?.unmount();
    delete holder._consoleRoot;
  };
});

const CompetitionsPage = lazy(() => import('./CompetitionsPage'));
const SetupPage = lazy(() => import('./SetupPage'));
const ApplicationsPage = lazy(() => import('./ApplicationsPage'));
const JudgesPage = lazy(() => import('./JudgesPage'));
const ExpertsPage = lazy(() => import('./ExpertsPage'));
const RoundsPage = lazy(() => import('./RoundsPage'));
const RoundPage = lazy(() => import('./RoundPage'));
const ResultsPage = lazy(() => import('./ResultsPage'));
const SigningsPage = lazy(() => import('./SigningsPage'));
const LogPage = lazy(() => import('./LogPage'));
const ObjectionsPage = lazy(() => import('./ObjectionsPage'));
const DiligencePage = lazy(() => import('./DiligencePage'));
const DueProcessSettingsPage = lazy(() => import('./DueProcessSettingsPage'));
const RegistrationFormPage = lazy(() => import('./RegistrationFormPage'));

const SECTIONS = [
  'setup',
  'form',
  'applications',
  'judges',
  'experts',
  'rounds',
  'results',
  'objections',
  'diligence',
  'due-settings',
  'signings',
  'log',
] as const;

function CompetitionMenu({ cid }: { cid: string }) {
  const { t } = useConsoleT();
  const { pathname } = useLocation();
  const section = SECTIONS.find((s) => pathname.includes(`/${s}`)) ?? 'setup';
  return (
    <Menu
      mode="inline"
      selectedKeys={[section]}
      items={SECTIONS.map((s) => ({
        key: s,
        label: <Link to={`/console/c/${cid}/${s}`}>{t(`nav.${s}`)}</Link>,
      }))}
    />
  );
}

function CompetitionPicker({ cid }: { cid?: string }) {
  const { t } = useConsoleT();
  const navigate = useNavigate();
  // Shares the cache with the competitions page: a created or deleted one shows at once.
  const competitions = $api.useQuery('get', '/api/v1/competitions');
  const data = competitions.data?.items;
  return (
    <Select
      aria-label={t('common.selectCompetition')}
      placeholder={t('common.selectCompetition')}
      className="console__picker"
      value={data?.some((c) => c.id === cid) ? cid : undefined}
      options={(data ?? []).map((c) => ({ value: c.id, label: c.name }))}
      onChange={(id: string) => void navigate(`/console/c/${id}/setup`)}
    />
  );
}

function Frame() {
  const { t } = useConsoleT();
  const cid = useMatch('/console/c/:cid/*')?.params.cid;
  const { t: tApp } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <Layout className="console">
      <Layout.Header className="console__bar">
        <Link to="/console" className="console__brand">
          {tApp('app.name')} · {t('competitions.title')}
        </Link>
        <div className="console__tools">
          <CompetitionPicker cid={cid} />
          <LanguageSwitch />
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void logout().then(() => navigate('/login', { replace: true }));
            }}
          >
            {tApp('account.logout')}
          </button>
        </div>
      </Layout.Header>
      <Layout>
        {cid && (
          <Layout.Sider width={168} theme="light">
            <CompetitionMenu cid={cid} />
          </Layout.Sider>
        )}
        <Layout.Content className="console__main">
          <Suspense fallback={<Spin />}>
            <Routes>
              <Route index element={<CompetitionsPage />} />
              <Route path="c/:cid/setup" element={<SetupPage />} />
              <Route path="c/:cid/form" element={<RegistrationFormPage />} />
              <Route path="c/:cid/applications" element={<ApplicationsPage />} />
              <Route path="c/:cid/judges" element={<JudgesPage />} />
              <Route path="c/:cid/experts" element={<ExpertsPage />} />
              <Route path="c/:cid/rounds" element={<RoundsPage />} />
              <Route path="c/:cid/rounds/:rid" element={<RoundPage />} />
              <Route path="c/:cid/results" element={<ResultsPage />} />
              <Route path="c/:cid/objections" element={<ObjectionsPage />} />
              <Route path="c/:cid/diligence" element={<DiligencePage />} />
              <Route path="c/:cid/due-settings" element={<DueProcessSettingsPage />} />
              <Route path="c/:cid/signings" element={<SigningsPage />} />
              <Route path="c/:cid/log" element={<LogPage />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The organiser console: antd (desktop components) lives in this lazy chunk only. */
export default function ConsoleRoutes() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCNLocale}>
      <AntApp>
        <Frame />
      </AntApp>
    </ConfigProvider>
  );
}
