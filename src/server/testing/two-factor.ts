import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import type { StaffClient } from './harness.js';

/** Turns on 2FA for the signed-in person as the console does; returns the authenticator's secret. */
export async function enrolTwoFactor(staff: StaffClient): Promise<Secret> {
  const setup = await staff.request({ method: 'POST', url: '/api/auth/two-factor/setup' });
  expect(setup.statusCode).toBe(200);
  const secret = Secret.fromBase32(setup.json().secret);
  const confirm = await staff.request({
    method: 'POST',
    url: '/api/auth/two-factor/confirm',
    payload: { code: TOTP.generate({ secret }) },
  });
  expect(confirm.statusCode).toBe(200);
  return secret;
}
