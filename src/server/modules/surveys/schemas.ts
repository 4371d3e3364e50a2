import { Type } from 'typebox';
import { AUTO_FILLS, QUESTION_TYPES, RATING_MAX, RATING_MIN } from '../../../common/surveys.js';
import { Uuid } from '../../http/schemas.js';

// TypeBox shapes of the surveys API: validation and the OpenAPI document from one source.

const Id = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const Label = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });
const Code = Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9]+(\\.[0-9]+)*$' });

const Option = Type.Object(
  { id: Id, label: Label, other: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const Row = Type.Object({ id: Id, label: Label, code: Type.Optional(Code) }, { additionalProperties: false });

export const Question = Type.Object(
  {
    id: Id,
    type: Type.Enum(QUESTION_TYPES),
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    code: Type.Optional(Code),
    hint: Type.Optional(Type.String({ maxLength: 500 })),
    heading: Type.Optional(Type.String({ maxLength: 500 })),
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Type.Array(Option, { maxItems: 100 })),
    rows: Type.Optional(Type.Array(Row, { maxItems: 50 })),
    rowsFromResources: Type.Optional(Type.Boolean()),
    minLabel: Type.Optional(Type.String({ maxLength: 200 })),
    maxLabel: Type.Optional(Type.String({ maxLength: 200 })),
    autoFill: Type.Optional(Type.Enum(AUTO_FILLS)),
    demographic: Type.Optional(Type.Boolean()),
    showWhen: Type.Optional(
      Type.Object(
        {
          question: Id,
          values: Type.Array(Type.Union([Id, Type.Integer({ minimum: RATING_MIN, maximum: RATING_MAX })]), {
            minItems: 1,
            maxItems: 20,
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const Definition = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
    intro: Type.Optional(Type.String({ maxLength: 4000 })),
    resources: Type.Optional(Type.Array(Row, { maxItems: 50 })),
    questions: Type.Array(Question, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

/** Shapes are checked by the survey engine, which names the question and row at fault. */
export const AnswersBody = Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), {
  maxProperties: 100,
});

export const Version = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  createdAt: Type.String(),
  definition: Definition,
  questions: Type.Array(Question),
});

export const SurveySummary = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  published: Type.Boolean(),
  anonymous: Type.Boolean(),
  requireToken: Type.Boolean(),
  version: Type.Integer(),
  responses: Type.Integer(),
});

export const SurveyDetail = Type.Object({
  ...SurveySummary.properties,
  current: Version,
  versions: Type.Array(
    Type.Object({ id: Uuid, number: Type.Integer(), createdAt: Type.String(), responses: Type.Integer() }),
  ),
});

export const Stored = Type.Object({ id: Uuid, version: Type.Integer(), submittedAt: Type.String() });

export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 40 });
