import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';

/** Interactive API docs at /docs; Swagger UI's assets come from the package, never a CDN, so they work offline. */
const docs: FastifyPluginAsync = async (app) => {
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
    staticCSP: false
  });
};

export default docs;
