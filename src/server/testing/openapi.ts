import type { Harness } from './harness.js';

/** The part of JSON Schema (as @fastify/swagger prints TypeBox) that the samplers read. */
export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** Media type → schema of the body, when the route declares one. */
  body: Record<string, JsonSchema>;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }
    >
  >;
}

/** Every operation of the app's OpenAPI document — the same one `/api/openapi.json` serves. */
export async function operationsOf(harness: Harness): Promise<Operation[]> {
  await harness.app.ready();
  const document = harness.app.swagger() as unknown as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const body: Record<string, JsonSchema> = {};
      for (const [type, content] of Object.entries(operation.requestBody?.content ?? {}))
        body[type] = content.schema;
      operations.push({ method: method.toUpperCase(), path, parameters: operation.parameters ?? [], body });
    }
  }
  return operations;
}

/** `/a/{x}/b` with `values` substituted, each URI-encoded unless `encode` says otherwise. */
export const fillPath = (
  path: string,
  values: Record<string, string>,
  encode: (segment: string) => string = encodeURIComponent,
) => path.replace(/\{(\w+)\}/g, (_match, name: string) => encode(values[name] ?? ''));

export const pathParams = (operation: Operation) => operation.parameters.filter((p) => p.in === 'path');

/** The literal segment a path parameter hangs under: `articles` for `/kb/articles/{id}`. */
export function segmentBefore(path: string, name: string): string {
  const segments = path.split('/');
  const index = segments.indexOf(`{${name}}`);
  return segments[index - 1] ?? '';
}

/**
 * A value that satisfies `schema` as far as a walker needs: required properties only, the first enum
 * member, lengths and bounds respected. `uuid(name)` answers uuid-formatted fields by their name.
 */
export function sampleOf(schema: JsonSchema, name: string, uuid: (name: string) => string | null): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((value) => value !== null) ?? null;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const usable = options.find((option) => !(option.enum?.length === 1 && option.enum[0] === null));
    return usable ? sampleOf(usable, name, uuid) : null;
  }
  switch (schema.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const property = schema.properties?.[key];
        if (property) value[key] = sampleOf(property, key, uuid);
      }
      return value;
    }
    case 'array': {
      const item = schema.items ? sampleOf(schema.items, name, uuid) : 'x';
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'integer':
    case 'number':
      return Math.min(schema.maximum ?? Number.MAX_SAFE_INTEGER, Math.max(schema.minimum ?? 1, 1));
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return sampleString(schema, name, uuid);
  }
}

function sampleString(schema: JsonSchema, name: string, uuid: (name: string) => string | null): string {
  switch (schema.format) {
    case 'uuid':
      return uuid(name) ?? '00000000-0000-4000-8000-000000000000';
    case 'date':
      return new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    case 'date-time':
      return new Date().toISOString();
    case 'email':
      return 'walker@example.org';
    case 'uri':
      return 'https://example.org/';
  }
  if (schema.pattern && /\\d|\[0-9\]/.test(schema.pattern) && /:/.test(schema.pattern)) return '10:00';
  const text = 'проверка изоляции';
  const length = Math.max(schema.minLength ?? 1, Math.min(text.length, schema.maxLength ?? text.length));
  return text.padEnd(length, 'я').slice(0, length);
}
