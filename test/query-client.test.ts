import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { KoersQueryClient } from '../web/src/api/query-client.js';

/**
 * A list whose first load is still on its way (with what the database held before) when a change is
 * saved and the list is invalidated: the list must end with the change.
 */
async function listAfterChangeDuringFirstLoad(client: QueryClient) {
  let stored = ['eerder vastgelegd'];
  let answerFirstLoad = () => {};
  let fetches = 0;
  const observer = new QueryObserver(client, {
    queryKey: ['contacten'],
    queryFn: () => {
      fetches += 1;
      const read = [...stored];
      return fetches === 1 ? new Promise<string[]>((resolve) => (answerFirstLoad = () => resolve(read))) : Promise.resolve(read);
    },
  });
  const unsubscribe = observer.subscribe(() => {});
  try {
    stored = [...stored, 'net opgeslagen'];
    const invalidated = client.invalidateQueries({ queryKey: ['contacten'] });
    answerFirstLoad();
    await invalidated;
    return { list: client.getQueryData<string[]>(['contacten']), fetches };
  } finally {
    unsubscribe();
    client.clear();
  }
}

describe('the web app\'s query client', () => {
  it('fetches a list again when a change invalidates it during its first load, so the change shows', async () => {
    expect(await listAfterChangeDuringFirstLoad(new KoersQueryClient())).toEqual({ list: ['eerder vastgelegd', 'net opgeslagen'], fetches: 2 });
  });

  it('is needed: TanStack Query\'s own client keeps the first load\'s answer without the change', async () => {
    expect(await listAfterChangeDuringFirstLoad(new QueryClient())).toEqual({ list: ['eerder vastgelegd'], fetches: 1 });
  });
});
