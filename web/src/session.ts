// The signed-in user, for every page: who they are and what their roles allow. Pages read the session
// here, not from App.tsx, so that no page imports the component that imports the pages.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api/client';
import type { Me, Permission } from './api/types';

/** The current user, or null when nobody is signed in (the API answers 401). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('/api/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

/** Whether `me` holds a permission; false while nobody is signed in. */
export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

/** A check for the current user's permissions: `const can = useCan(); can('cases:write')`. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => hasPermission(me.data, permission);
}
