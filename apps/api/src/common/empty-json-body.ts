import type { FastifyInstance } from 'fastify';
import { invalid } from './validation.pipe';

// The key a JSON text that parses plainly was refused for, or null.
function poisonedKey(body: string): string | null {
  try {
    JSON.parse(body);
  } catch {
    return null;
  }
  return /"__proto__"\s*:/.test(body)
    ? '__proto__'
    : /"constructor"\s*:/.test(body)
      ? 'constructor'
      : null;
}

const forbiddenKey = (key: string) =>
  invalid([
    {
      field: key,
      code: 'FIELD_FORBIDDEN_KEY',
      message: `${key}: the key ${key} is not accepted`,
      params: { key },
    },
  ]);

// Many HTTP clients and browser wrappers send a bodiless POST (submit, open a
// round) with `content-type: application/json` and an empty body. Fastify's
// JSON parser answers that with 400 "Body cannot be empty"; we read it as no
// body and hand everything else to Fastify's own parser (which keeps its
// prototype-poisoning protection and error messages). main.ts creates the
// app with `bodyParser: false`, so Nest does not register its own JSON parser.
export function acceptEmptyJsonBody(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body: string, done) => {
      if (body.trim() === '') {
        done(null, undefined);
        return;
      }
      // Callback style: it answers through `done`; its type also admits the async form.
      void parseJson(request, body, (err, value) => {
        // Fastify refuses `__proto__` and `constructor.prototype` as "not valid
        // JSON"; say which key instead (the validation pipe does the same for
        // `constructor`, `prototype` and `hasOwnProperty`).
        const key = err ? poisonedKey(body) : null;
        done(key ? forbiddenKey(key) : err, value);
      });
    },
  );
}
