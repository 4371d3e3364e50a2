/**
 * Sent by the console's background polls (notification counters, progress bars). The server does
 * not count such a request as the user's activity, so an unattended console still times out
 * (ASVS 3.3.2). Forging it only shortens one's own session, so trusting the client is safe.
 */
export const BACKGROUND_POLL_HEADER = 'x-otklik-background';
