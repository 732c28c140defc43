// The auth pages' schemas for their actions, behind a `.server` module: the browser build
// replaces it with an empty one. Importing auth-schemas.ts from a route module directly keeps
// it, and zod with it (~93 kB gzip), in the page's JavaScript even when only the action uses
// it, because esbuild keeps the module for its possible side effects.
export {
  DELETE_CONFIRMATION_WORD,
  getDeleteAccountFormSchema,
  getForgotPasswordFormSchema,
  getLoginFormSchema,
  getNewPasswordFormSchema,
  PASSWORD_MIN_LENGTH,
} from './auth-schemas';
