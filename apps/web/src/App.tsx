import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, homeOf, useAuth } from './auth/AuthContext';
import { RequireRole } from './layout/RequireRole';
import { createQueryClient } from './api/query';

// One chunk per role (React.lazy): a judge's phone never downloads the
// applicant's or the organiser's components.
const AccountRoutes = lazy(() => import('./pages/account/AccountRoutes'));
const JudgeRoutes = lazy(() => import('./pages/judge/JudgeRoutes'));
const ApplicantRoutes = lazy(() => import('./pages/applicant/ApplicantRoutes'));
const ScreenPage = lazy(() => import('./pages/screen/ScreenPage'));
const ConsoleRoutes = lazy(() => import('./pages/console/ConsoleRoutes'));
const CheckInPage = lazy(() => import('./pages/checkin/CheckInPage'));
const PassPage = lazy(() => import('./pages/pass/PassPage'));
const SupervisorRoutes = lazy(() => import('./pages/supervisor/SupervisorRoutes'));
const PublicityPage = lazy(() => import('./pages/public/PublicityPage'));

function Home() {
  const { user } = useAuth();
  const { t } = useTranslation();
  if (user === undefined) return <div className="page-loading">{t('common.loading')}</div>;
  return <Navigate to={user ? homeOf(user) : '/login'} replace />;
}

function Loading() {
  const { t } = useTranslation();
  return <div className="page-loading">{t('common.loading')}</div>;
}

export function App() {
  // One cache for the session's API answers (TanStack Query): pages share it.
  const [queries] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queries}>
      <BrowserRouter>
        <AuthProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/screen/rounds/:roundId" element={<ScreenPage />} />
              {/* 公示: anyone, no sign-in (docs/due-process.md). */}
              <Route path="/public/publicity/:id" element={<PublicityPage />} />
              <Route
                path="/judge/*"
                element={
                  <RequireRole roles={['JUDGE']}>
                    <JudgeRoutes />
                  </RequireRole>
                }
              />
              <Route
                path="/applicant/*"
                element={
                  <RequireRole roles={['APPLICANT']}>
                    <ApplicantRoutes />
                  </RequireRole>
                }
              />
              <Route
                path="/console/*"
                element={
                  <RequireRole roles={['ORGANISER', 'ADMIN']}>
                    <ConsoleRoutes />
                  </RequireRole>
                }
              />
              <Route
                path="/check-in/rounds/:roundId"
                element={
                  <RequireRole roles={['APPLICANT', 'JUDGE', 'ORGANISER', 'ADMIN']}>
                    <CheckInPage />
                  </RequireRole>
                }
              />
              <Route path="/pass" element={<PassPage />} />
              <Route
                path="/supervisor/*"
                element={
                  <RequireRole roles={['SUPERVISOR']}>
                    <SupervisorRoutes />
                  </RequireRole>
                }
              />
              <Route path="/*" element={<AccountRoutes />} />
            </Routes>
          </Suspense>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
