/** Makes the one client available to every component. */
import { createContext, useContext, type ReactNode } from 'react';
import type { VigilClient } from './types';

const ApiContext = createContext<VigilClient | null>(null);

export function ApiProvider({ client, children }: { client: VigilClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): VigilClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}
