import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  ACCESSIBILITY_COOKIE,
  ACCESSIBILITY_COOKIE_MAX_AGE_S,
  ACCESSIBILITY_ENDPOINT,
  COLOR_SCHEMES,
  FONT_SIZES,
  IMAGE_MODES,
  LETTER_SPACINGS,
  LINE_HEIGHTS,
  parseSettings,
  serializeSettings,
  settingsFromCookie,
} from '../../../common/accessibility.js';
import type { Services } from '../../services.js';

/** A path on this site: one leading slash, not `//host` or `/\host` (which browsers treat as another site). */
const ReturnPath = Type.String({ pattern: '^/(?![/\\\\])[^\\s]*$', maxLength: 2000 });

/**
 * The switcher of the version for the visually impaired as a plain form (issue 10 p. 4, 7): it
 * remembers the settings in a cookie and sends the visitor back to the page, which the server
 * then renders in that mode — no JavaScript needed. Settings not in the form are kept.
 */
export function accessibilityRoutes(fastify: FastifyInstance, { config }: Services) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    ACCESSIBILITY_ENDPOINT,
    {
      config: { rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['site'],
        querystring: Type.Object(
          {
            enabled: Type.Optional(Type.Enum(['on', 'off'])),
            fontSize: Type.Optional(Type.Enum([...FONT_SIZES])),
            scheme: Type.Optional(Type.Enum([...COLOR_SCHEMES])),
            letterSpacing: Type.Optional(Type.Enum([...LETTER_SPACINGS])),
            lineHeight: Type.Optional(Type.Enum([...LINE_HEIGHTS])),
            images: Type.Optional(Type.Enum([...IMAGE_MODES])),
            return: Type.Optional(ReturnPath),
          },
          { additionalProperties: false },
        ),
        response: { 303: Type.Null() },
      },
    },
    async (request, reply) => {
      const { enabled, return: back = '/', ...changes } = request.query;
      const current = settingsFromCookie(request.cookies[ACCESSIBILITY_COOKIE]);
      const settings = parseSettings({
        ...current,
        ...changes,
        enabled: enabled === undefined ? current.enabled : enabled === 'on',
      });
      return reply
        .setCookie(ACCESSIBILITY_COOKIE, serializeSettings(settings), {
          path: '/',
          maxAge: ACCESSIBILITY_COOKIE_MAX_AGE_S,
          sameSite: 'lax',
          secure: config.publicUrl.startsWith('https:'),
        })
        .header('cache-control', 'no-store')
        .redirect(back, 303);
    },
  );
}
