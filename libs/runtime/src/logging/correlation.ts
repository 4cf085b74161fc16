/** CLS keys under which the current correlation and causation ids are kept. */
export const CORRELATION_ID = 'correlationId';
export const CAUSATION_ID = 'causationId';
/** HTTP header carrying the request id that becomes the correlation id. */
export const REQUEST_ID_HEADER = 'x-request-id';
