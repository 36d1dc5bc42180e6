import { Type, type Static } from '@sinclair/typebox';

/** The body of every 4xx/5xx answer: `error` is the HTTP reason, `message` says what to fix. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String({ description: 'HTTP reason phrase, e.g. "Bad Request"' }),
    message: Type.String({ description: 'What was wrong and how to fix it' }),
    parameter: Type.Optional(Type.String({ description: 'The request parameter at fault, when there is one' }))
  },
  { $id: 'ErrorBody', title: 'Error' }
);
export type ErrorBody = Static<typeof ErrorBody>;

/** An error a handler throws to answer with a 4xx; Fastify's error handler turns it into an ErrorBody. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly parameter?: string
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function badParameter(parameter: string, message: string): HttpError {
  return new HttpError(400, `${parameter}: ${message}`, parameter);
}

export function notFound(kind: string, id: string): HttpError {
  return new HttpError(404, `no ${kind} with id "${id}"`);
}
