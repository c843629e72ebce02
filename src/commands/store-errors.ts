import { isDataException } from '../store/dialect/dialect.js';

/**
 * True when the store refused a value as data (e.g. PostgreSQL SQLSTATE class 22): the client's
 * input, to be answered with 400, not a server fault. Lets `http/` classify errors without
 * knowing the store.
 */
export function isClientDataError(err: unknown): boolean {
  return isDataException(err);
}
