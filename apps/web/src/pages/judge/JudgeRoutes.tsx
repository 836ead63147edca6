import '../../layout/antd-mobile-react19';
import { Route, Routes } from 'react-router';
import { JudgeHomePage } from './JudgeHomePage';
import { JudgeProjectPage } from './JudgeProjectPage';
import { JudgeRoundPage } from './JudgeRoundPage';
import './judge.css';

export default function JudgeRoutes() {
  return (
    <Routes>
      <Route index element={<JudgeHomePage />} />
      <Route path="rounds/:roundId" element={<JudgeRoundPage />} />
      <Route path="rounds/:roundId/projects/:projectId" element={<JudgeProjectPage />} />
    </Routes>
  );
}
