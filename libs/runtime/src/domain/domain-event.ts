import type { TopicDefinition } from '@netdirect/contracts';

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
  /** Topics that get the event as well as its own (a partner's handoff topic; see EventRecorder.record). */
  alsoTo?: TopicDefinition[];
}

export function domainEvent<T extends object>(contract: new () => T, data: T, occurredAt: Date, id?: string): DomainEvent<T> {
  return { contract, data, occurredAt, ...(id ? { id } : {}) };
}

/**
 * A guarded change of one aggregate document, as an aggregate's method
 * returns it: the `seq` it was decided on, the fields to set (undefined
 * removes one), and the events it causes. {@link AggregateStore.apply} writes it.
 */
export interface Change<S> {
  id: string;
  expectedSeq: number;
  set: Partial<S>;
  events: DomainEvent[];
}
