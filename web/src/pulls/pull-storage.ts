// Where storage is blocked outright, refusing writes makes a pull queue keep pulls in memory instead.
const noStorage: Pick<Storage, 'getItem' | 'setItem'> = {
  getItem: () => null,
  setItem: () => {
    throw new Error('storage unavailable');
  },
};

/** The browser's localStorage for pull queues, or a stand-in that refuses writes where it is blocked. */
export function pullStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    return window.localStorage;
  } catch {
    return noStorage;
  }
}
