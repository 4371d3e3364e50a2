// Fastify validates with Ajv, whose messages are English; staff and citizens get Russian ones,
// with the path of the offending field (`body.workingHours.days.mon.start`).

export interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export function fieldPath(context: string, issue: AjvIssue): string {
  const segments = issue.instancePath.split('/').filter(Boolean);
  if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
    segments.push(issue.params.missingProperty);
  }
  if (issue.keyword === 'additionalProperties' && typeof issue.params.additionalProperty === 'string') {
    segments.push(issue.params.additionalProperty);
  }
  return [context, ...segments].join('.');
}

const TYPE_NAMES: Record<string, string> = {
  string: 'строка',
  number: 'число',
  integer: 'целое число',
  boolean: 'логическое значение (true/false)',
  object: 'объект',
  array: 'список',
  null: 'пустое значение',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'адрес электронной почты',
  date: 'дата в формате ГГГГ-ММ-ДД',
  'date-time': 'дата и время',
  uuid: 'идентификатор',
  uri: 'адрес (URL)',
};

export function russianMessage(issue: AjvIssue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return 'Обязательное поле не заполнено';
    case 'type': {
      const types = String(p.type).split(',');
      return `Неверный тип значения: ожидается ${types.map((t) => TYPE_NAMES[t] ?? t).join(' или ')}`;
    }
    case 'minLength':
      return Number(p.limit) === 1 ? 'Поле не должно быть пустым' : `Не короче ${p.limit} символов`;
    case 'maxLength':
      return `Не длиннее ${p.limit} символов`;
    case 'minimum':
      return `Значение не меньше ${p.limit}`;
    case 'maximum':
      return `Значение не больше ${p.limit}`;
    case 'minItems':
      return `Выберите не меньше ${p.limit}`;
    case 'maxItems':
      return `Не больше ${p.limit} элементов`;
    case 'format':
      return `Неверный формат: ожидается ${FORMAT_NAMES[String(p.format)] ?? p.format}`;
    case 'pattern':
      return 'Значение в неверном формате';
    case 'enum':
    case 'const':
    case 'anyOf':
      return 'Недопустимое значение';
    case 'additionalProperties':
      return 'Неизвестное поле';
    case 'uniqueItems':
      return 'Значения не должны повторяться';
    default:
      return 'Недопустимое значение';
  }
}
