// Password limits as plain numbers, without zod: pages show them in hints ("at least 8
// characters") and importing them from the schema module would put zod into the page's
// JavaScript. auth-schemas.ts builds its rules from these and re-exports them.

/** Auth's minimum (supabase/config.toml: auth.minimum_password_length). */
export const PASSWORD_MIN_LENGTH = 8;
/** bcrypt reads only the first 72 bytes, so a longer password would be silently cut. */
export const PASSWORD_MAX_BYTES = 72;
