import type { onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../schemas/errors.ts';
import type { Writer } from '../store/repository.ts';
import { authorizeWrite } from './authorize.ts';
import { hashKey } from './keys.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * onRequest hook of every write route: sets `request.writer` or answers 401/403 before the body is
     * read, so a client without a key cannot hold a connection open by sending a body slowly.
     */
    requireEditor: onRequestAsyncHookHandler;
  }
  interface FastifyRequest {
    writer: Writer | null;
  }
}

/** Editor keys: EDITOR_TOKEN (option `editorToken`) or hashed keys in the store. */
export default fp<{ editorToken?: string }>(
  async (app, opts) => {
    const envTokenHash = opts.editorToken ? hashKey(opts.editorToken) : undefined;
    app.decorateRequest('writer', null);
    app.decorate('requireEditor', async function requireEditor(request, reply) {
      const result = await authorizeWrite(request.headers.authorization, { envTokenHash, keys: app.store.keys });
      if (result instanceof HttpError) {
        if (result.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="cluster-atlas"');
        throw result;
      }
      request.writer = result;
    } satisfies onRequestAsyncHookHandler);
  },
  { name: 'auth', dependencies: ['store'] }
);
