import { Route, Routes } from 'react-router';
import { SupervisorHomePage } from './SupervisorHomePage';
import { SupervisorRoundPage } from './SupervisorRoundPage';
import './supervisor.css';

// 监督: the competitions and rounds a supervisor watches (phone and desktop).
export default function SupervisorRoutes() {
  return (
    <Routes>
      <Route index element={<SupervisorHomePage />} />
      <Route path="rounds/:roundId" element={<SupervisorRoundPage />} />
    </Routes>
  );
}
