// What a favorite toggle posts to /favorites. Server-only: the schema is built at the top level,
// and a route module holding it would ship zod to every page that loads /favorites' code.
import { z } from './zod';

export const FavoriteActionSchema = z.object({
  intent: z.enum(['add', 'remove']),
  productId: z.guid(),
  redirectTo: z.string().optional(),
});
