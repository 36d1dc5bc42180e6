import { Type } from '@sinclair/typebox';

/** `stream=sse`: progress events, then the result (every analytics route takes it). */
export const StreamParameter = {
  stream: Type.Optional(
    Type.Literal('sse', {
      description:
        'Answer as server-sent events (`text/event-stream`): `event: progress` with `{"fraction": 0…1}` while computing, then one `event: result` whose data is the JSON answer (or `event: error` with an error body). Use it for large selections, where a computation can take longer than ~200 ms.'
    })
  )
};
