import { Type } from 'typebox';
import { ROLES } from '../../common/roles.js';
import { TOUCHPOINT_KINDS } from '../../common/types.js';

// Shared TypeBox pieces: request validation and the OpenAPI document come from the same source.
export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date' });
export const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const NonEmpty = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const ErrorBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
});

export const Interval = Type.Object({ start: Time, end: Time }, { additionalProperties: false });
const Day = Type.Union([Interval, Type.Null()]);
export const WorkingHours = Type.Object(
  {
    days: Type.Object(
      { mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day },
      { additionalProperties: false },
    ),
    lunch: Type.Union([Interval, Type.Null()]),
  },
  { additionalProperties: false },
);

export const Role = Type.Enum(ROLES);
export const TouchpointKind = Type.Enum(TOUCHPOINT_KINDS);

export const PublicAgency = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  timezone: Type.String(),
});

export const Touchpoint = Type.Object({
  id: Uuid,
  kind: TouchpointKind,
  mode: Type.Union([Type.Literal('digital'), Type.Literal('offline')]),
  title: Type.String(),
  value: Type.String(),
  hours: Type.Union([WorkingHours, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  isPublic: Type.Boolean(),
  sortOrder: Type.Integer(),
});

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({
    total: Type.Integer(),
    page: Type.Integer(),
    pages: Type.Integer(),
    items: Type.Array(item),
    totalIsLowerBound: Type.Optional(Type.Boolean()),
  });
