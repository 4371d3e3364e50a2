// Services throw these; the HTTP error handler maps them to `{error, message, field}`.
// `message` is always Russian: it is what a citizen or a civil servant reads.
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  constructor(code: string, message: string) {
    super(404, code, message);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super(409, code, message, field);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'Недостаточно прав для этого действия') {
    super(403, 'forbidden', message);
  }
}

export class Unauthorized extends DomainError {
  constructor(code = 'unauthenticated', message = 'Войдите в систему') {
    super(401, code, message);
  }
}

export class Invalid extends DomainError {
  constructor(field: string, message: string, code = 'invalid') {
    super(400, code, message, field);
  }
}

export class TooManyAttempts extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'locked', message, undefined, { 'retry-after': String(retryAfterSeconds) });
  }
}

/**
 * ASVS 12.1.3: the agency's file storage is full. A citizen is told how to get the request in
 * anyway; staff are told who can make room.
 */
export class StorageFull extends DomainError {
  constructor(field: string, audience: 'public' | 'staff') {
    super(
      413,
      'storage_full',
      audience === 'public'
        ? 'Хранилище файлов ведомства заполнено, файлы сейчас не принимаются: отправьте обращение без файлов или повторите попытку позже'
        : 'Хранилище файлов ведомства заполнено: файлы не сохранены. Удалите ненужные файлы или попросите администратора региона увеличить квоту',
      field,
    );
  }
}
