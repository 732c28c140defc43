// The CSP nonce of this response (server/index.js makes one per request) for the inline
// scripts Remix renders. In the browser there is none to read (browsers hide the attribute),
// which is fine: the nonce only matters in the HTML the server sent.
import { createContext, useContext } from 'react';

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
