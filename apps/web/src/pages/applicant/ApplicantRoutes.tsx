import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { MyProjectsPage } from './MyProjectsPage';
import { ProjectFormPage } from './ProjectFormPage';
import { ResultPage } from './ResultPage';

export default function ApplicantRoutes() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { borderRadius: 8 } }}
    >
      <AntApp>
        <Routes>
          <Route index element={<MyProjectsPage />} />
          <Route path="competitions/:competitionId/new" element={<ProjectFormPage />} />
          <Route path="projects/:projectId" element={<ProjectFormPage />} />
          <Route path="rounds/:roundId/projects/:projectId/result" element={<ResultPage />} />
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}
