/** Content scheduling (内容排期): the review chain, the dispatcher's decisions and calendar warnings. */
export * from './schemas';
export * from './checks';
export * from './review';
export * from './dispatch';
export * from './calendar';
