/** One page of a list and the cursor to the next (null on the last page): every list the product answers. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** The empty page (a scope that lists nothing). */
export const emptyPage = <T>(): Page<T> => ({ items: [], cursor: null });
