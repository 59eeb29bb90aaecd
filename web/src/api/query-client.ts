import { QueryClient } from '@tanstack/react-query';

/**
 * The web app's query client. After a change, invalidating a query must show the change. TanStack
 * Query reuses a fetch that is still on its way when the query has no data yet (its first load), and
 * that fetch may have read the data before the change was committed: a contact saved while the
 * contact list was still loading stayed out of the list. So fetches still on their way are cancelled
 * first, and the invalidated queries fetch again, after the change.
 */
export class KoersQueryClient extends QueryClient {
  override async invalidateQueries(...args: Parameters<QueryClient['invalidateQueries']>): Promise<void> {
    const [filters] = args;
    await this.cancelQueries({ ...filters, fetchStatus: 'fetching' });
    return super.invalidateQueries(...args);
  }
}
