// The server SIGKILLed under mixed load (issue 12 p. 2): nothing a citizen was told "accepted" may
// be lost or doubled, no transaction may be left half-written, and the outbox resumes after the
// restart without sending anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Installation, startInstallation } from './support/installation.js';
import {
  acknowledgementViolations,
  eventually,
  halfWrittenRows,
  NO_HALF_WRITTEN_ROWS,
  resendUnacknowledged,
} from './support/integrity.js';
import { startMixedLoad } from './support/mixed-load.js';
import { phaseClock } from './support/phase-clock.js';
import { postgresBinDir } from './support/private-postgres.js';

let installation: Installation;
beforeAll(async () => {
  installation = await startInstallation();
}, 120_000);
afterAll(() => installation?.close());

describe.skipIf(!postgresBinDir())('the server killed under load', () => {
  it('keeps every acknowledged request, letter and answer exactly once and resumes the outbox', async () => {
    const { target, delivered, relay } = installation;
    // Phase times, so a timeout on a busy machine shows where the time went.
    const mark = phaseClock();
    await installation.startServer();
    mark('started');
    // A slow relay while loaded, so the outbox has a backlog for the restarted server to resume.
    relay.delayMs = 100;
    const load = startMixedLoad(() => target, 6);
    const loaded = await eventually(
      async () =>
        load.acked('request') >= 15 &&
        load.acked('email') >= 15 &&
        load.acked('survey') >= 15 &&
        (await installation.outbox()).filter((row) => row.status === 'pending').length >= 5,
      60_000,
    );
    mark('loaded');
    expect(loaded, 'load did not build up an outbox backlog').toBe(true);
    await installation.server.kill('SIGKILL');
    const atKill = await installation.outbox();
    await load.stop();
    const pendingAtKill = atKill.filter((row) => row.status === 'pending').map((row) => row.id);
    const sendingAtKill = new Set(atKill.filter((row) => row.status === 'sending').map((row) => row.id));

    mark('killed');
    await installation.startServer();
    mark('restarted');
    const resent = await resendUnacknowledged(target, load.attempts);
    expect(resent.filter((attempt) => !attempt.acked)).toEqual([]);

    mark('resent');
    relay.delayMs = 0;
    const drained = await eventually(
      async () =>
        (await installation.outbox()).every(
          (row) => sendingAtKill.has(row.id) || (row.status !== 'pending' && row.status !== 'sending'),
        ),
      60_000,
    );
    mark('drained');
    expect(drained, 'the outbox did not drain after the restart').toBe(true);

    expect(
      await acknowledgementViolations(await installation.reconnected(), [...load.attempts, ...resent]),
    ).toEqual([]);
    expect(await halfWrittenRows(await installation.reconnected())).toEqual(NO_HALF_WRITTEN_ROWS);

    const outbox = await installation.outbox();
    const status = new Map(outbox.map((row) => [row.id, row.status]));
    // Queued before the kill, delivered after the restart.
    expect(pendingAtKill.length).toBeGreaterThan(0);
    expect(pendingAtKill.filter((id) => status.get(id) !== 'sent')).toEqual([]);
    // Nothing goes out twice; what was sent went out once.
    expect([...delivered].filter(([, times]) => times > 1)).toEqual([]);
    expect(outbox.filter((row) => row.status === 'sent' && delivered.get(row.id) !== 1)).toEqual([]);
    // The one message in flight at the kill may or may not have left: it waits (lease, then
    // «uncertain») for a person, never resent on its own.
    const inFlight = outbox.filter((row) => row.status !== 'sent');
    expect(inFlight.filter((row) => row.status !== 'sending' || !sendingAtKill.has(row.id))).toEqual([]);
    expect(inFlight.length).toBeLessThanOrEqual(1);

    console.info(
      `killed after ${load.acked()} acknowledged of ${load.attempts.length} sent ` +
        `(${load.acked('request')} requests, ${load.acked('email')} letters, ${load.acked('survey')} answers); ` +
        `resent ${resent.length}; ${pendingAtKill.length} queued messages resumed, ${inFlight.length} left for a check`,
    );
  });
});
