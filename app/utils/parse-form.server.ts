// conform's server-side parser, behind a `.server` module. A route module that imports
// @conform-to/zod itself ships zod to the browser (~93 kB gzip): the browser build drops the
// action that calls it, but keeps the import and everything it pulls in. A `.server` module
// is replaced by an empty one in the browser build, so routes import the parser from here.
export { parseWithZod } from '@conform-to/zod/v4';
