// Personal reception vocabulary (issue 7 p. 5): who booked, from which request, and where it stands.
export const BOOKING_CHANNELS = ['portal', 'staff'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

export const BOOKING_SOURCES = ['written', 'oral', 'portal'] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];

// `attended` once the reception card is closed; `no_show` when the citizen did not come.
export const BOOKING_STATUSES = ['booked', 'cancelled', 'held', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * How a personal reception ended (seed 003 p. 35.3): an oral answer given with the citizen's
 * consent, a written answer within the term (an appeal in the registry), or an explanation of
 * where to apply when the question is outside the official's competence.
 */
export const CARD_OUTCOMES = ['oral', 'written', 'outside_competence'] as const;
export type CardOutcome = (typeof CARD_OUTCOMES)[number];
