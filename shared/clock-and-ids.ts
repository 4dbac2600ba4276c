/** Small ports the domain needs from the outside world, injected so rules stay testable. */
export interface Clock {
  /** Current instant, ISO 8601 UTC. */
  now(): string;
}
export interface IdGenerator {
  next(): string;
}
