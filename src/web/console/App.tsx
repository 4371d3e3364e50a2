import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AgencyPage } from './agency/AgencyPage';
import { AuditPage } from './audit/AuditPage';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage';
import { LoginPage } from './auth/LoginPage';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { CalendarPage } from './calendar/CalendarPage';
import { CallCardPage } from './calls/CallCardPage';
import { CallsPage } from './calls/CallsPage';
import { ChannelsPage } from './channels/ChannelsPage';
import { OutboxPage } from './channels/OutboxPage';
import { PostsPage } from './channels/PostsPage';
import { TopicsPage } from './classification/TopicsPage';
import { ClientCardPage } from './clients/ClientCardPage';
import { ClientsPage } from './clients/ClientsPage';
import { MergeSuggestionsPage } from './clients/MergeSuggestionsPage';
import { DeadlinesPage } from './deadlines/DeadlinesPage';
import { DepartmentsPage } from './departments/DepartmentsPage';
import { FeedbackActionsPage } from './feedback-actions/FeedbackActionsPage';
import { HomePage } from './home/HomePage';
import { ImportsPage } from './imports/ImportsPage';
import { ArticlePage } from './kb/ArticlePage';
import { KbPage } from './kb/KbPage';
import { KbProposalsPage } from './kb/KbProposalsPage';
import { KbFreshnessPage } from './kb/review/KbFreshnessPage';
import { KbSearchPage } from './kb/search/KbSearchPage';
import { CampaignEditorPage } from './mailings/CampaignEditorPage';
import { MailingsPage } from './mailings/MailingsPage';
import { MonitoringPage } from './monitoring/MonitoringPage';
import { ReceptionCardPage } from './reception/ReceptionCardPage';
import { ReceptionPage } from './reception/ReceptionPage';
import { RegionAgenciesPage } from './region/RegionAgenciesPage';
import { RegionMonitoringPage } from './region/RegionMonitoringPage';
import { RequestCardPage } from './requests/RequestCardPage';
import { RequestsPage } from './requests/RequestsPage';
import { RequireAuth } from './session/RequireAuth';
import { RequireSection } from './session/RequireSection';
import { ConsoleShell } from './shell/ConsoleShell';
import { NotFoundPage } from './shell/NotFoundPage';
import { PublicationEditorPage } from './site/PublicationEditorPage';
import { SiteFreshnessPage } from './site/SiteFreshnessPage';
import { SitePage } from './site/SitePage';
import { SocialPage } from './social/SocialPage';
import { AnalyticsPage } from './surveys/AnalyticsPage';
import { PaperEntryPage } from './surveys/PaperEntryPage';
import { SurveyPage } from './surveys/SurveyPage';
import { SurveysPage } from './surveys/SurveysPage';
import { TouchpointsPage } from './touchpoints/TouchpointsPage';
import { UsersPage } from './users/UsersPage';

// The rich-text editor (tiptap) is most of its weight: loaded only by those who open it.
const ArticleEditorPage = lazy(() =>
  import('./kb/ArticleEditorPage').then((module) => ({ default: module.ArticleEditorPage })),
);
const editor = (
  <Suspense fallback={null}>
    <ArticleEditorPage />
  </Suspense>
);

export function App() {
  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route path="forgot-password" element={<ForgotPasswordPage />} />
      <Route path="reset-password" element={<ResetPasswordPage />} />
      <Route
        element={
          <RequireAuth>
            <ConsoleShell />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="monitoring" element={guarded('monitoring', <MonitoringPage />)} />
        <Route path="requests" element={guarded('requests', <RequestsPage />)} />
        <Route path="requests/:id" element={guarded('requests', <RequestCardPage />)} />
        <Route path="imports" element={guarded('imports', <ImportsPage />)} />
        <Route path="kb" element={guarded('kb', <KbPage />)} />
        <Route path="kb/articles/new" element={guarded('kb', editor)} />
        <Route path="kb/articles/:id" element={guarded('kb', <ArticlePage />)} />
        <Route path="kb/articles/:id/edit" element={guarded('kb', editor)} />
        <Route path="templates" element={<Navigate to="/kb" replace />} />
        <Route path="kb-freshness" element={guarded('kbFreshness', <KbFreshnessPage />)} />
        <Route path="site" element={guarded('site', <SitePage />)} />
        <Route path="site/new" element={guarded('site', <PublicationEditorPage />)} />
        <Route path="site/:id" element={guarded('site', <PublicationEditorPage />)} />
        <Route path="site-freshness" element={guarded('siteFreshness', <SiteFreshnessPage />)} />
        <Route path="kb-search" element={guarded('kbSearch', <KbSearchPage />)} />
        <Route path="kb-proposals" element={guarded('kbProposals', <KbProposalsPage />)} />
        <Route path="calls" element={guarded('calls', <CallsPage />)} />
        <Route path="calls/:id" element={guarded('calls', <CallCardPage />)} />
        <Route path="clients" element={guarded('clients', <ClientsPage />)} />
        <Route path="clients/merges" element={guarded('clients', <MergeSuggestionsPage />)} />
        <Route path="clients/:id" element={guarded('clients', <ClientCardPage />)} />
        <Route path="reception" element={guarded('reception', <ReceptionPage />)} />
        <Route path="mailings" element={guarded('mailings', <MailingsPage />)} />
        <Route path="mailings/campaigns/new" element={guarded('mailings', <CampaignEditorPage />)} />
        <Route path="mailings/campaigns/:id" element={guarded('mailings', <CampaignEditorPage />)} />
        <Route path="surveys" element={guarded('surveys', <SurveysPage />)} />
        <Route path="surveys/:id" element={guarded('surveys', <SurveyPage />)} />
        <Route path="surveys/:id/entry" element={guarded('surveys', <PaperEntryPage />)} />
        <Route path="surveys/:id/analytics" element={guarded('surveys', <AnalyticsPage />)} />
        <Route path="feedback-actions" element={guarded('feedbackActions', <FeedbackActionsPage />)} />
        {/* The official a slot belongs to may hold no reception role: the server decides per card. */}
        <Route path="reception/cards/:id" element={<ReceptionCardPage />} />
        <Route path="social" element={guarded('social', <SocialPage />)} />
        <Route path="channel-posts" element={guarded('posts', <PostsPage />)} />
        <Route path="outbox" element={guarded('outbox', <OutboxPage />)} />
        <Route path="channels" element={guarded('channels', <ChannelsPage />)} />
        <Route path="agency" element={guarded('agency', <AgencyPage />)} />
        <Route path="departments" element={guarded('departments', <DepartmentsPage />)} />
        <Route path="topics" element={guarded('topics', <TopicsPage />)} />
        <Route path="touchpoints" element={guarded('touchpoints', <TouchpointsPage />)} />
        <Route path="users" element={guarded('users', <UsersPage />)} />
        <Route path="calendar" element={guarded('calendar', <CalendarPage />)} />
        <Route path="deadlines" element={guarded('deadlines', <DeadlinesPage />)} />
        <Route path="audit" element={guarded('audit', <AuditPage />)} />
        <Route path="region" element={guarded('region', <RegionAgenciesPage />)} />
        <Route path="region-monitoring" element={guarded('regionMonitoring', <RegionMonitoringPage />)} />
        <Route path="home" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function guarded(section: Parameters<typeof RequireSection>[0]['section'], page: React.ReactNode) {
  return <RequireSection section={section}>{page}</RequireSection>;
}
