// conform's parseWithZod for actions, through a server-only module. Imported straight into a
// route, it kept conform's DOM runtime and zod in that page's browser build (about 100 kB of
// compressed JavaScript on the checkout) even though only the action used it; Remix replaces
// `.server` modules with nothing in the browser build, so this import cannot leak.
export { parseWithZod } from '@conform-to/zod/v4';
