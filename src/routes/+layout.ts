// A client-only single-page app: the Fastify server serves build/ and answers every path with index.html.
export const ssr = false;
export const prerender = false;
