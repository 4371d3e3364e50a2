// Postgres stopped (as by a crash: no checkpoint) and started again under mixed load (issue 12
// p. 2): the server stays up, /healthz reports the outage and recovers, new submissions succeed,
// and nothing acknowledged before, during or after is lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Installation, startInstallation } from './support/installation.js';
import {
  acknowledgementViolations,
  eventually,
  halfWrittenRows,
  NO_HALF_WRITTEN_ROWS,
  resendUnacknowledged,
} from './support/integrity.js';
import { type LoadKind, startMixedLoad } from './support/mixed-load.js';
import { phaseClock } from './support/phase-clock.js';
import { postgresBinDir } from './support/private-postgres.js';

const OUTAGE_MS = 3000;

let installation: Installation;
beforeAll(async () => {
  installation = await startInstallation();
}, 120_000);
afterAll(() => installation?.close());

const healthStatus = async (origin: string) => {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
};

describe.skipIf(!postgresBinDir())('Postgres restarted under load', () => {
  it('the server reconnects and loses nothing acknowledged', async () => {
    const { target, postgres, delivered } = installation;
    const mark = phaseClock();
    await installation.startServer();
    mark('started');
    const load = startMixedLoad(() => target, 6);
    expect(await eventually(async () => load.acked() >= 30, 60_000)).toBe(true);
    mark('loaded');
    await postgres.stop('immediate');
    const down = Date.now();
    const healthDuringOutage = await healthStatus(target.origin);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const failedDuringOutage = load.attempts.filter((a) => a.at > down + 500 && !a.acked).length;
    await postgres.start();
    const up = Date.now();
    mark('Postgres up again');
    const healthy = await eventually(async () => (await healthStatus(target.origin)) === 200, 30_000);
    const recoveryMs = Date.now() - up;
    expect(
      healthy,
      `no healthy /healthz 30 s after Postgres came back:\n${installation.server.output()}`,
    ).toBe(true);
    const ackedAfter = (kind: LoadKind) =>
      load.attempts.filter((a) => a.kind === kind && a.acked && a.at > up).length;
    const working = await eventually(
      async () => ackedAfter('request') >= 5 && ackedAfter('email') >= 5 && ackedAfter('survey') >= 5,
      30_000,
    );
    await load.stop();
    mark('working');
    expect(working, 'new submissions did not succeed after Postgres came back').toBe(true);

    // The outage was real: health said so and citizens' attempts failed (to be sent again).
    expect(healthDuringOutage).not.toBe(200);
    expect(failedDuringOutage).toBeGreaterThan(0);
    // The server rode it out instead of dying.
    expect(installation.server.child.exitCode).toBeNull();

    const resent = await resendUnacknowledged(target, load.attempts);
    expect(resent.filter((attempt) => !attempt.acked)).toEqual([]);
    mark('resent');

    // A message whose send finished while the database was away stays «sending» (then
    // uncertain): its result could not be recorded, so it is not sent again on its own.
    const drained = await eventually(
      async () =>
        (await installation.outbox()).filter((row) => row.status === 'pending' || row.status === 'sending')
          .length <= 1,
      60_000,
    );
    mark('drained');
    expect(drained, 'the outbox did not drain after the outage').toBe(true);
    expect(
      await acknowledgementViolations(await installation.reconnected(), [...load.attempts, ...resent]),
    ).toEqual([]);
    expect(await halfWrittenRows(await installation.reconnected())).toEqual(NO_HALF_WRITTEN_ROWS);
    const outbox = await installation.outbox();
    expect([...delivered].filter(([, times]) => times > 1)).toEqual([]);
    expect(outbox.filter((row) => row.status === 'sent' && delivered.get(row.id) !== 1)).toEqual([]);
    expect(outbox.filter((row) => row.status !== 'sent' && row.status !== 'sending')).toEqual([]);

    console.info(
      `Postgres down ${OUTAGE_MS} ms under load: ${failedDuringOutage} attempts refused meanwhile, ` +
        `/healthz ${healthDuringOutage} during and 200 again ${recoveryMs} ms after the restart; ` +
        `${load.acked()} of ${load.attempts.length} acknowledged, ${resent.length} resent`,
    );
  });
});
