/**
 * A read made once per key for the life of the returned function (one request's ports): later
 * calls with the same arguments share the first call's promise. A failed read is forgotten, so
 * the next call tries again instead of repeating the error.
 */
export function readOnce<A extends readonly unknown[], V>(read: (...args: A) => Promise<V>): (...args: A) => Promise<V> {
  const memo = new Map<string, Promise<V>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let p = memo.get(key);
    if (!p) {
      p = read(...args);
      memo.set(key, p);
      p.catch(() => memo.delete(key));
    }
    return p;
  };
}
