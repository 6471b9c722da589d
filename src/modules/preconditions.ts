/**
 * Conditional writes without HTTP: a surface turns its precondition (the native API's If-Match) into a
 * function of the current resource, and the service evaluates it on the state it is about to change. The
 * change itself is conditional on the version that state had, so the check cannot race with another write.
 */
import { AppError } from '../errors.js';

/** True when the request may change `current`; undefined when the request is unconditional. */
export type Precondition<T> = (current: T) => boolean;

export function checkPrecondition<T>(precondition: Precondition<T> | undefined, current: T): void {
  if (precondition !== undefined && !precondition(current)) throw preconditionFailed();
}

export function preconditionFailed(): AppError {
  return new AppError(
    'precondition_failed',
    'If-Match does not match the current representation: read the resource again and retry with its ETag.',
    { parameter: 'If-Match' },
  );
}
