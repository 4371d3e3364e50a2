import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, type Harness, uniqueEmail } from '../../testing/harness.js';
import {
  agencyWithSubscribers,
  draftCampaign,
  harnessWithSink,
  mailsTo,
  sendNow,
} from '../../testing/mailings-sink.js';
import type { SmtpSink } from '../../testing/smtp-sink.js';

let harness: Harness;
let sink: SmtpSink;
beforeAll(async () => {
  ({ harness, sink } = await harnessWithSink({ MAILING_CONCURRENCY: '1' }));
});
afterAll(async () => {
  await harness.close();
  await sink.close();
});

const BODY =
  '<p>Подробности <a href="https://agency.example/news?id=1&amp;lang=ru">на сайте</a> и ' +
  '<a href="mailto:priem@agency.example">по почте</a>, ещё <a href="https://agency.example/faq">вопросы</a>.</p>';

async function sentTo(trackOpens: boolean, trackClicks: boolean, subject: string) {
  const email = uniqueEmail('track');
  const agency = await agencyWithSubscribers(harness, sink, [email]);
  const saved = await agency.staff.request({
    method: 'PUT',
    url: '/api/staff/mailings/settings',
    payload: { trackOpens, trackClicks },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const campaign = await draftCampaign(agency.staff, { subject, html: BODY });
  await sendNow(agency.staff, campaign.id);
  await harness.services.campaignSender.drain();
  const [mail] = mailsTo(sink, email).filter((m) => m.subject === subject);
  const html = String(mail?.html ?? '');
  const progress = async () =>
    (await agency.staff.request({ url: `/api/staff/mailings/campaigns/${campaign.id}` })).json().progress;
  const pixel = /<img src="[^"]*?(\/api\/public\/mailings\/o\/[^"]+)"/.exec(html)?.[1];
  const links = [...html.matchAll(/href="[^"]*?(\/api\/public\/mailings\/c\/[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return { ...agency, html, progress, pixel, links };
}

describe('open and click tracking, opt-in per agency (issue 9 p. 6)', () => {
  it('is off by default: no pixel, links untouched, no opens or clicks in the statistics', async () => {
    const email = uniqueEmail('plain');
    const { staff } = await agencyWithSubscribers(harness, sink, [email]);
    expect((await staff.request({ url: '/api/staff/mailings/settings' })).json()).toEqual({
      trackOpens: false,
      trackClicks: false,
    });
    const campaign = await draftCampaign(staff, { subject: 'Без слежки', html: BODY });
    await sendNow(staff, campaign.id);
    await harness.services.campaignSender.drain();
    const [mail] = mailsTo(sink, email).filter((m) => m.subject === 'Без слежки');
    expect(mail?.html).not.toMatch(/<img|\/api\/public\/mailings\//);
    expect(mail?.html).toContain('href="https://agency.example/news?id=1&amp;lang=ru"');
    const detail = (await staff.request({ url: `/api/staff/mailings/campaigns/${campaign.id}` })).json();
    expect(detail.progress).toMatchObject({ sent: 1, opened: null, clicked: null });
  });

  it('when on, counts the first open and click, and redirects only to the campaign’s own links', async () => {
    const sent = await sentTo(true, true, 'Со счётчиками');
    expect(sent.pixel).toBeDefined();
    // Two web links are tracked; the mailto link is left as written.
    expect(sent.links).toHaveLength(2);
    expect(sent.html).toContain('href="mailto:priem@agency.example"');
    expect(await sent.progress()).toMatchObject({ opened: 0, clicked: 0 });

    for (let i = 0; i < 2; i++) {
      const open = await harness.app.inject({ url: sent.pixel as string });
      expect(open.statusCode).toBe(200);
      expect(open.headers['content-type']).toBe('image/gif');
      expect(open.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    }
    const first = await harness.app.inject({ url: sent.links[0] as string });
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe('https://agency.example/news?id=1&lang=ru');
    const second = await harness.app.inject({ url: sent.links[1] as string });
    expect(second.headers.location).toBe('https://agency.example/faq');
    expect(await sent.progress()).toMatchObject({ sent: 1, opened: 1, clicked: 1 });

    // Another agency's staff neither sees nor changes this agency's setting.
    const other = await agencyWithStaff(harness, ['admin']);
    expect((await other.staff.request({ url: '/api/staff/mailings/settings' })).json().trackOpens).toBe(
      false,
    );
    expect((await sent.staff.request({ url: '/api/staff/mailings/settings' })).json()).toEqual({
      trackOpens: true,
      trackClicks: true,
    });
  });

  it('only clicks when only clicks are on; turning tracking off stops counting', async () => {
    const sent = await sentTo(false, true, 'Только переходы');
    expect(sent.pixel).toBeUndefined();
    expect(sent.links).toHaveLength(2);
    await sent.staff.request({
      method: 'PUT',
      url: '/api/staff/mailings/settings',
      payload: { trackOpens: false, trackClicks: false },
    });
    // The link still leads where it said; nothing is recorded any more.
    const click = await harness.app.inject({ url: sent.links[1] as string });
    expect(click.headers.location).toBe('https://agency.example/faq');
    expect(await sent.progress()).toMatchObject({ opened: null, clicked: null });
  });

  it('refuses forged, foreign and malformed tokens and never redirects elsewhere', async () => {
    const sent = await sentTo(true, true, 'Враждебные ссылки');
    const [, row, index, mac] = /\/c\/(\d+)\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(sent.links[0] as string) ?? [];
    const pixelMac = /\/o\/\d+\.([A-Za-z0-9_-]+)$/.exec(sent.pixel as string)?.[1];
    const gone = [
      // The right row with another link position (the mailto one, then past the end): the MAC is bound to both.
      `/api/public/mailings/c/${row}.1.${mac}`,
      `/api/public/mailings/c/${row}.7.${mac}`,
      // Another row with this row's MAC; a flipped MAC; the pixel's MAC used as a link.
      `/api/public/mailings/c/${Number(row) + 1}.${index}.${mac}`,
      `/api/public/mailings/c/${row}.${index}.${(mac as string).startsWith('A') ? 'B' : 'A'}${(mac as string).slice(1)}`,
      `/api/public/mailings/c/${row}.${index}.${pixelMac}`,
      `/api/public/mailings/o/${Number(row) + 1}.${pixelMac}`,
    ];
    for (const url of gone) {
      const response = await harness.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers.location, url).toBeUndefined();
      expect(response.json().message).toMatch(/недействительна/);
    }
    const malformed = [
      `/api/public/mailings/c/${row}.${index}.${mac}?url=https://evil.example`,
      '/api/public/mailings/c/https%3A%2F%2Fevil.example',
      `/api/public/mailings/c/${'9'.repeat(40)}.0.${mac}`,
      `/api/public/mailings/o/${row}.${'x'.repeat(80)}`,
      '/api/public/mailings/o/..%2F..%2Fetc%2Fpasswd',
    ];
    const [withQuery, ...refused] = malformed;
    // A query string is ignored: the target is still the campaign's own link.
    expect((await harness.app.inject({ url: withQuery as string })).headers.location).toBe(
      'https://agency.example/news?id=1&lang=ru',
    );
    for (const url of refused) {
      const response = await harness.app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().field, url).toBe('params.token');
      expect(response.json().message, url).toMatch(/[а-яё]/i);
    }
    expect(await sent.progress()).toMatchObject({ opened: 0, clicked: 1 });
  });

  it('answers 429 to a flood on the public endpoints', async () => {
    const limited = await harnessWithSink({ PUBLIC_RATE_PER_MINUTE: '5' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++)
        codes.push(
          (await limited.harness.app.inject({ url: `/api/public/mailings/o/1.${'A'.repeat(22)}` }))
            .statusCode,
        );
      expect(codes.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
    } finally {
      await limited.harness.close();
      await limited.sink.close();
    }
  }, 60_000);
});
