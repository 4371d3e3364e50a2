import { Route, Routes } from 'react-router';
import { AgencyLayout } from './layout/AgencyLayout';
import { AgencyListPage } from './pages/AgencyListPage';
import { BookingCancelPage } from './pages/BookingCancelPage';
import { ContactsPage } from './pages/ContactsPage';
import { FaqPage } from './pages/FaqPage';
import { HistoryDownloadPage } from './pages/HistoryDownloadPage';
import { HistoryRequestPage } from './pages/HistoryRequestPage';
import { HomePage } from './pages/HomePage';
import { NewRequestPage } from './pages/NewRequestPage';
import { PageNotFoundPage } from './pages/PageNotFoundPage';
import { PublicationPage } from './pages/PublicationPage';
import { ReceptionPage } from './pages/ReceptionPage';
import { RequestStatusPage } from './pages/RequestStatusPage';
import { SearchPage } from './pages/SearchPage';
import { SitemapPage } from './pages/SitemapPage';
import { SiteSectionPage } from './pages/SiteSectionPage';
import { SubscribePage } from './pages/SubscribePage';
import { SubscriptionConfirmPage } from './pages/SubscriptionConfirmPage';
import { SurveyPage } from './pages/SurveyPage';
import { UnsubscribePage } from './pages/UnsubscribePage';

/** `/` lists the agencies; `/<slug>/…` is the official site of one agency. */
export function PortalApp() {
  return (
    <Routes>
      <Route index element={<AgencyListPage />} />
      <Route path=":slug" element={<AgencyLayout />}>
        <Route index element={<HomePage />} />
        <Route path="contacts" element={<ContactsPage />} />
        <Route path="faq" element={<FaqPage />} />
        <Route path="requests/new" element={<NewRequestPage />} />
        <Route path="requests/status" element={<RequestStatusPage />} />
        <Route path="history" element={<HistoryRequestPage />} />
        <Route path="history/download" element={<HistoryDownloadPage />} />
        <Route path="reception" element={<ReceptionPage />} />
        <Route path="bookings/cancel" element={<BookingCancelPage />} />
        <Route path="subscribe" element={<SubscribePage />} />
        <Route path="subscribe/confirm" element={<SubscriptionConfirmPage />} />
        <Route path="unsubscribe/:token" element={<UnsubscribePage />} />
        <Route path="rate" element={<SurveyPage fixedSlug="rate" />} />
        <Route path="surveys/:survey" element={<SurveyPage />} />
        <Route path="sitemap" element={<SitemapPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path=":section" element={<SiteSectionPage />} />
        <Route path=":section/:page" element={<PublicationPage />} />
        <Route path="*" element={<PageNotFoundPage />} />
      </Route>
    </Routes>
  );
}
