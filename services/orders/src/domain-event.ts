/**
 * An event a change causes, before it is wrapped in an envelope: a repository
 * records it (correlation ids come from the request or message) in the same
 * single-document write as the change.
 */
export interface DomainEvent<T extends object = object> {
  contract: new () => T;
  data: T;
  occurredAt: Date;
  /** A stable id when the step may run again after a crash, so consumers ignore the copy. */
  id?: string;
}

export function domainEvent<T extends object>(contract: new () => T, data: T, occurredAt: Date, id?: string): DomainEvent<T> {
  return { contract, data, occurredAt, ...(id ? { id } : {}) };
}
