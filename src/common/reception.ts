// Personal reception vocabulary (issue 7 p. 5): who booked, from which request, and where it stands.
export const BOOKING_CHANNELS = ['portal', 'staff'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

export const BOOKING_SOURCES = ['written', 'oral', 'portal'] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];

export const BOOKING_STATUSES = ['booked', 'cancelled', 'held'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
