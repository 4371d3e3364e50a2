import type { TimelineEntry } from '../../../common/clients.js';
import type { Db } from '../../db/client.js';
import type { ClientService } from '../clients/service.js';
import type { ClientRequest, RequestClientLink } from '../requests/client-link.service.js';
import { STATUS_TITLES } from '../requests/lifecycle.js';
import * as repo from './repo.js';
import type { Timeline } from './timeline.js';

export const KIND_TITLES: Record<string, string> = {
  appeal: 'Обращение',
  info_request: 'Запрос информации',
  reception_appeal: 'Обращение на личном приёме',
  social_comment: 'Комментарий в соцсети',
  consult_call: 'Звонок на консультационную линию',
};

const PURPOSE_TITLES = { personal_data: 'обработку персональных данных', mailing: 'получение рассылок' };

type Optional = 'status' | 'detail' | 'requestId' | 'requestNumber' | 'internal';
const entry = (e: Omit<TimelineEntry, Optional> & Partial<TimelineEntry>): TimelineEntry => ({
  status: null,
  detail: null,
  requestId: null,
  requestNumber: null,
  internal: false,
  ...e,
});

/** A request becomes one entry for its arrival and one per later event (status change or note). */
export function requestEntries(request: ClientRequest): TimelineEntry[] {
  const ref = { requestId: request.id, requestNumber: request.number, channel: request.channel };
  const arrival = entry({
    ...ref,
    kind: 'request',
    at: request.receivedAt.toISOString(),
    status: 'received',
    title: `${KIND_TITLES[request.kind] ?? request.kind} № ${request.number}`,
    detail: request.text,
  });
  const later = request.events
    .filter((e) => e.status !== 'received')
    .map((e) =>
      entry({
        ...ref,
        kind: 'request_event',
        at: e.at.toISOString(),
        status: e.status,
        title: `№ ${request.number}: ${STATUS_TITLES[e.status]}`,
        detail: e.note,
        internal: !e.isPublic,
      }),
    );
  return [arrival, ...later];
}

/** The sources that exist today; each future capability adds one line of its own. */
export function registerBuiltInSources(
  timeline: Timeline,
  deps: { db: Db; clients: ClientService; requestLinks: RequestClientLink },
) {
  timeline.registerTimelineSource('request', async (agencyId, clientId) =>
    (await deps.requestLinks.ofClient(agencyId, clientId)).flatMap(requestEntries),
  );
  timeline.registerTimelineSource('consent', async (agencyId, clientId) =>
    (await deps.clients.consentEvents(agencyId, clientId)).map((e) =>
      entry({
        kind: 'consent',
        at: e.at.toISOString(),
        channel: e.channel,
        status: e.action,
        title: `${e.action === 'given' ? 'Дано' : 'Отозвано'} согласие на ${PURPOSE_TITLES[e.purpose]}`,
        requestId: e.requestId,
      }),
    ),
  );
  timeline.registerTimelineSource('history_export', async (agencyId, clientId) =>
    (await repo.listExports(deps.db, agencyId, clientId)).map((e) =>
      entry({
        kind: 'history_export',
        at: e.at.toISOString(),
        channel: e.via,
        title: `Выдана история взаимодействия: обращений — ${e.requestCount}, файлов в архиве — ${e.fileCount}`,
      }),
    ),
  );
}
